// expect-no-findings
/*
 * counter_atomic_var_fixed.c - the shared counter is declared `_Atomic long`
 * and incremented with a plain `++`.
 *
 * On an _Atomic object `counter++` is an atomic read-modify-write, so the
 * worker instances' accesses are all atomic and never race. main reads it
 * after the join loop. No finding.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 100000

static _Atomic long counter;

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++)
        counter++;
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
    printf("counter = %ld (expected %d)\n", (long)counter, N * ROUNDS);
    return 0;
}
