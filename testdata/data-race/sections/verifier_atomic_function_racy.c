/*
 * verifier_atomic_function_racy.c - as verifier_atomic_function_fixed.c,
 * but the monitor reads the counter in a plain function: atomic functions
 * exclude each other, not code outside them.
 *
 * TRUTH: a race on counter between the workers' atomic increment and the
 * monitor's plain read. The primary location is the write inside
 * __VERIFIER_atomic_inc (the only write).
 */
#include <pthread.h>
#include <stdio.h>

#define N 3

static int counter;
static int snapshot;

void __VERIFIER_atomic_inc(void)
{
    int old = counter;
    counter = old + 1; // expect: data-race 'counter'
}

static void take_snapshot(void)
{
    snapshot = counter;
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10; i++)
        __VERIFIER_atomic_inc();
    return NULL;
}

static void *monitor(void *arg)
{
    (void)arg;
    take_snapshot();
    return NULL;
}

int main(void)
{
    pthread_t t[N], m;
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    pthread_create(&m, NULL, monitor, NULL);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    pthread_join(m, NULL);
    printf("%d %d\n", counter, snapshot);
    return 0;
}
