// expect-no-findings
/*
 * barrier_helper_fixed.c - barrier_fixed.c with the barrier wait inside a
 * helper (`phase_end()`, as a program wraps pthread_barrier_wait to check
 * its result): passing the barrier in a callee counts for the caller, the
 * phase-1 writes of level[] still happen before every phase-2 read.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define N 4

static pthread_barrier_t phase;
static double level[N];
static double smoothed[N];

static void phase_end(void)
{
    int rc = pthread_barrier_wait(&phase);
    if (rc != 0 && rc != PTHREAD_BARRIER_SERIAL_THREAD) abort();
}

static void *worker(void *arg)
{
    long id = (long)(intptr_t)arg;

    level[id] = (double)(id * id);
    phase_end();
    double left = level[(id + N - 1) % N];
    double right = level[(id + 1) % N];
    smoothed[id] = (left + level[id] + right) / 3.0;
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    pthread_barrier_init(&phase, NULL, N);
    for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++) printf("%f\n", smoothed[i]);
    pthread_barrier_destroy(&phase);
    return 0;
}
