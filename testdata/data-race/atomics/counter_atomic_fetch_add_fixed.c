// expect-no-findings
/*
 * counter_atomic_fetch_add_fixed.c - the shared counter is an atomic_long
 * incremented with C11 atomic_fetch_add.
 *
 * Every access by the workers is atomic, and two atomic accesses never race.
 * main loads the counter after the join loop. No finding.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define N 4
#define ROUNDS 100000

static atomic_long counter;

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++)
        atomic_fetch_add(&counter, 1);
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
    printf("counter = %ld (expected %d)\n", atomic_load(&counter), N * ROUNDS);
    return 0;
}
