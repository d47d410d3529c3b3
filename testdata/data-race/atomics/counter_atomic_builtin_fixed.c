// expect-no-findings
/*
 * counter_atomic_builtin_fixed.c - two plain `long` counters updated only
 * through compiler atomic builtins: __atomic_fetch_add and the legacy
 * __sync_fetch_and_add.
 *
 * The objects are not _Atomic, but every access made while the workers run
 * goes through a builtin and so is atomic; atomic accesses never race with
 * each other. main's plain reads come after the join loop. No finding.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 100000

static long requests;
static long bytes;

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++) {
        __atomic_fetch_add(&requests, 1, __ATOMIC_RELAXED);
        __sync_fetch_and_add(&bytes, 512);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    int i;

    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%ld requests, %ld bytes\n", requests, bytes);
    return 0;
}
