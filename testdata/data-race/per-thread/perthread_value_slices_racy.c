/*
 * perthread_value_slices_racy.c - as perthread_value_slices_fixed.c (each
 * worker gets its index by value and integrates a slice), but the partial
 * results were "packed" two per slot: worker i adds into partial[i / 2].
 *
 * TRUTH: a race on partial[]: instances 0 and 1 (and 2 and 3) read and write
 * the same element in parallel. The worker's `+=` is the only write during
 * the threads' lifetime (primary location). main reads after the join loop.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4
#define STEPS 100000

static double partial[N / 2];

static void *integrate(void *arg)
{
    long i = (long)(intptr_t)arg;
    double h = 1.0 / (N * STEPS);
    double acc = 0.0;

    for (long k = i * STEPS; k < (i + 1) * STEPS; k++) {
        double x = (k + 0.5) * h;
        acc += 4.0 / (1.0 + x * x);
    }
    partial[i / 2] += acc * h; // expect: data-race 'partial'
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    double pi = 0.0;
    long i;

    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, integrate, (void *)(intptr_t)i);
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (i = 0; i < N / 2; i++)
        pi += partial[i];
    printf("pi ~ %.10f\n", pi);
    return 0;
}
