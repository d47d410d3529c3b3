// expect-no-findings
/*
 * barrier_fixed.c - N workers smooth a signal in two phases separated by a
 * barrier every worker waits at exactly once: in phase 1 each writes its own
 * element of level[] (indexed by the value it got through its argument); in
 * phase 2 each reads its neighbours' levels and writes its own smoothed[].
 *
 * TRUTH: no race. Phase-1 writes of level[] happen before every phase-2
 * read (the barrier); in phase 2 level[] is only read and every instance
 * writes only its own smoothed[id]. main reads smoothed[] after the joins.
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
