// expect-no-findings
/*
 * trylock_stored_flag_fixed.c - trylock results kept in variables as
 * comparisons: `int got = pthread_mutex_trylock(&mu) == 0; if (got) {..}`,
 * `busy = pthread_mutex_trylock(&mu) != 0; if (!busy) {..}`, and C11's
 * `mtx_trylock(&m) == thrd_success`.
 *
 * TRUTH: no race: each counter is written only where the trylock took its
 * mutex, which is unlocked there and nowhere else.
 */
#include <pthread.h>
#include <threads.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static mtx_t cm;
static long total, skipped, c11_hits;

static void *run(void *arg)
{
    for (int i = 0; i < 100; i++) {
        int got = pthread_mutex_trylock(&mu) == 0;
        if (got) {
            total++;
            pthread_mutex_unlock(&mu);
        }
        int busy = pthread_mutex_trylock(&mu) != 0;
        if (!busy) {
            skipped++;
            pthread_mutex_unlock(&mu);
        }
        int ok = mtx_trylock(&cm) == thrd_success;
        if (ok) {
            c11_hits++;
            mtx_unlock(&cm);
        }
    }
    return arg;
}

int main(void)
{
    pthread_t t[2];
    mtx_init(&cm, mtx_plain);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, run, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)(total + skipped + c11_hits);
}
