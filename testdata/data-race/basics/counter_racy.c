/*
 * counter_racy.c - N threads created in a loop increment one global counter
 * with no synchronisation at all.
 *
 * The create loop makes many instances of worker, and every instance writes
 * `counter` (counter++ reads and writes it), so the instances race with each
 * other. The only writes are in worker, so the primary location is there.
 * main reads the counter only after the join loop, which orders it after
 * every worker: that read is not involved.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 100000

static long counter;

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++)
        counter++; // expect: data-race 'counter'
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
    printf("counter = %ld (expected %d)\n", counter, N * ROUNDS);
    return 0;
}
