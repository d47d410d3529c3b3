/*
 * counter_atomic_mixed_racy.c - workers update a plain `long` with
 * __atomic_fetch_add, but main peeks at it with a plain read while they run.
 *
 * Two atomic accesses never race, but an atomic write and a plain read of the
 * same object do. The workers' atomic increments do not race with each other;
 * each races with main's progress read, which comes after pthread_create and
 * before the join loop. The only write involved is the atomic one in worker:
 * it is the primary location. main's final read after the join is ordered.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 100000

static long done;

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++)
        __atomic_fetch_add(&done, 1, __ATOMIC_RELAXED); // expect: data-race 'done'
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    int i;

    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    printf("progress: %ld\n", done); /* plain read while workers run */
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("done: %ld\n", done);
    return 0;
}
