/*
 * trylock_stored_flag_racy.c - trylock_stored_flag_fixed.c with the stored
 * comparisons tested the wrong way round: `got` holds `trylock(..) != 0`
 * (true when the trylock failed), and `busy` is tested for truth.
 *
 * TRUTH: races on total and skipped, each written exactly where the
 * trylock did not take the mutex (and unlocking a mutex the thread does
 * not hold). The C11 one stays right.
 */
#include <pthread.h>
#include <threads.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static mtx_t cm;
static long total, skipped, c11_hits;

static void *run(void *arg)
{
    for (int i = 0; i < 100; i++) {
        int got = pthread_mutex_trylock(&mu) != 0;
        if (got) {
            total++; // expect: data-race 'total'
            pthread_mutex_unlock(&mu); // expect: unlock-not-held 'mu'
        }
        int busy = pthread_mutex_trylock(&mu) != 0;
        if (busy) {
            skipped++; // expect: data-race 'skipped'
            pthread_mutex_unlock(&mu); // expect: unlock-not-held 'mu'
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
