/*
 * barrier_wrapper_racy.c - barrier_wrapper_fixed.c with the second meeting
 * of each round dropped: the next round's write of a cell can overtake the
 * neighbour's read of it from the round before.
 *
 * TRUTH: a race on cell[me].v: between a thread's read of its neighbour's
 * cell and the neighbour's next write of it no barrier is passed.
 */
#include <pthread.h>

#define N 4

struct cell {
    _Alignas(64) long v;
};

static pthread_barrier_t bar;
static struct cell cell[N], result[N];

static void sync_all(void)
{
    pthread_barrier_wait(&bar);
}

static void *sweeper(void *arg)
{
    int me = (int)(long)arg;
    for (int round = 0; round < 8; round++) {
        cell[me].v = me * round; // expect: data-race 'cell[me].v'
        sync_all();
        result[me].v += cell[(me + 1) % N].v;
    }
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    pthread_barrier_init(&bar, NULL, N);
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, sweeper, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&bar);
    return (int)result[0].v;
}
