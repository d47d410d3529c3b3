// expect-no-findings
/*
 * verifier_atomic_function_fixed.c - the verification-benchmark convention:
 * a function whose name starts with __VERIFIER_atomic_ runs atomically as a
 * whole. Every worker bumps the shared counter, and the monitor reads it,
 * only inside such functions.
 *
 * The two bodies are atomic sections of one program-wide section: they
 * never overlap. No finding. (Without the atomic-function model the
 * counter's read-modify-write is a race.)
 */
#include <pthread.h>
#include <stdio.h>

#define N 3

static int counter;
static int snapshot;

void __VERIFIER_atomic_inc(void)
{
    int old = counter;
    counter = old + 1;
}

void __VERIFIER_atomic_take_snapshot(void)
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
    __VERIFIER_atomic_take_snapshot();
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
