// expect-no-findings
/*
 * counter_mutex_fixed.c - the counter of counter_racy.c, incremented under
 * one global mutex.
 *
 * Every write to `counter` by every worker instance holds counter_lock, so
 * all conflicting accesses share a lock. main reads the counter after the
 * join loop, when no worker runs any more. No finding.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 100000

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++) {
        pthread_mutex_lock(&counter_lock);
        counter++;
        pthread_mutex_unlock(&counter_lock);
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
    printf("counter = %ld (expected %d)\n", counter, N * ROUNDS);
    return 0;
}
