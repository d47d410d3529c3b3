/*
 * barrier_racy.c - as barrier_fixed.c (phase 1 writes level[id], a barrier,
 * phase 2 reads the neighbours' levels), but in phase 2 each worker also
 * resets its own level[id] to 0 once it has smoothed it.
 *
 * TRUTH: a race on level[]: worker id's phase-2 reset may run in parallel
 * with its neighbours' phase-2 reads of level[id]. The reset is the primary
 * location: the phase-1 write of level[id] is ordered before every other
 * instance's phase-2 accesses by the barrier, so it is not involved.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4

static pthread_barrier_t phase;
static double level[N];
static double smoothed[N];

static void *worker(void *arg)
{
    long id = (long)(intptr_t)arg;

    level[id] = (double)(id * id);
    pthread_barrier_wait(&phase);
    double left = level[(id + N - 1) % N];
    double right = level[(id + 1) % N];
    smoothed[id] = (left + level[id] + right) / 3.0;
    level[id] = 0.0; // expect: data-race 'level'
    return NULL;
}

int main(void)
{
    pthread_t t[N];

    pthread_barrier_init(&phase, NULL, N);
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++)
        printf("%d: %.2f\n", i, smoothed[i]);
    pthread_barrier_destroy(&phase);
    return 0;
}
