// expect-no-findings
/*
 * barrier_wrapper_fixed.c - a stencil sweep whose threads meet at a
 * barrier through the program's own helper, `sync_all()`, called twice per
 * round: each thread writes its own cell, meets the others, reads its
 * neighbour's cell into its own result, and meets them again before the
 * next round overwrites the cells.
 *
 * TRUTH: no race: every write of a cell and every read of it by the
 * neighbour are separated by a barrier all threads pass, whichever helper
 * call passes it.
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
        cell[me].v = me * round;
        sync_all();
        result[me].v += cell[(me + 1) % N].v;
        sync_all();
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
