/*
 * trylock_stored_flag_fixed.c - a trylock whose success is kept in a
 * variable as a comparison, `int got = pthread_mutex_trylock(&mu) == 0;
 * if (got) { ... unlock; }`.
 *
 * TRUTH: no race: total is only written holding mu, and mu is only
 * unlocked where the trylock took it.
 *
 * Known false alarms (data-race and unlock-not-held): the lowering keeps
 * no comparison in an assignment's value, so `got` is not known to hold
 * the trylock's success; a result kept unchanged (`int rc = trylock(..);
 * if (rc == 0)`) or tested where it is made works.
 */
#include <pthread.h>
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long total;
static void *run(void *arg)
{
    int got = pthread_mutex_trylock(&mu) == 0;
    if (got) {
        total++; // known-false-alarm: data-race 'total'
        pthread_mutex_unlock(&mu); // known-false-alarm: unlock-not-held 'mu'
    }
    return arg;
}
int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, run, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return (int)total;
}
