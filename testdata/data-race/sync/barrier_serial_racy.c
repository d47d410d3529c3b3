/*
 * barrier_serial_racy.c - the serial waiter of a barrier and the others
 * touching one variable in the same cycle:
 *   - the serial waiter writes `total` while the others read it right
 *     after the same barrier;
 *   - every waiter but the serial one bumps `others`.
 *
 * TRUTH: races on total (the serial waiter's write against another
 * waiter's read in the same cycle) and on others (the non-serial waiters
 * among themselves).
 */
#include <pthread.h>

#define NT 4
static pthread_barrier_t bar;
static long total, others;

static void *worker(void *arg)
{
    long seen = 0;
    if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
        total = 42; // expect: data-race 'total'
    else
        seen = total;
    if (pthread_barrier_wait(&bar) != PTHREAD_BARRIER_SERIAL_THREAD)
        others++; // expect: data-race 'others'
    return (void *)(seen + (long)arg);
}

int main(void)
{
    pthread_t t[NT];
    pthread_barrier_init(&bar, 0, NT);
    for (long i = 0; i < NT; i++)
        pthread_create(&t[i], 0, worker, (void *)i);
    for (int i = 0; i < NT; i++)
        pthread_join(t[i], 0);
    pthread_barrier_destroy(&bar);
    return (int)(total + others);
}
