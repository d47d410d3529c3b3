// expect-no-findings
/*
 * perthread_value_slices_fixed.c - N workers each get their index by value
 * through the void * argument and integrate their own slice of [0, 1) into
 * their own element of partial[]; main adds the elements up after the join
 * loop.
 *
 * TRUTH: no race. Instance i writes partial[i] only, and each instance gets
 * a different i (the loop variable's value at its create). main reads
 * partial[] only after joining every thread.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4
#define STEPS 100000

static double partial[N];

static void *integrate(void *arg)
{
    long i = (long)(intptr_t)arg;
    double h = 1.0 / (N * STEPS);
    double acc = 0.0;

    for (long k = i * STEPS; k < (i + 1) * STEPS; k++) {
        double x = (k + 0.5) * h;
        acc += 4.0 / (1.0 + x * x);
    }
    partial[i] = acc * h;
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
    for (i = 0; i < N; i++)
        pi += partial[i];
    printf("pi ~ %.10f\n", pi);
    return 0;
}
