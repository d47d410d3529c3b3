// expect-no-findings
/*
 * barrier_serial_fixed.c - workers fill their own cells, meet at a
 * barrier, and the one that gets PTHREAD_BARRIER_SERIAL_THREAD sums the
 * cells into `total` (the result kept in a local too, for the second
 * round); after a second barrier every worker reads the total.
 *
 * TRUTH: no race: one waiter per barrier cycle gets the serial value, the
 * cells were written before the barrier, and the readers come after the
 * next one.
 */
#include <pthread.h>

#define NT 4
static pthread_barrier_t bar;
static long cells[NT], total, rounds;

static void *worker(void *arg)
{
    long id = (long)arg;
    cells[id] = id + 1;
    if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD) {
        for (int i = 0; i < NT; i++)
            total += cells[i];
    }
    int rc = pthread_barrier_wait(&bar);
    if (rc == PTHREAD_BARRIER_SERIAL_THREAD)
        rounds++;
    pthread_barrier_wait(&bar);
    return (void *)(total + rounds);
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
    return (int)total;
}
