/*
 * sem_counted_one_handle_racy.c - detached workers started through one
 * handle variable, counted with a semaphore, where the waits do not cover
 * every worker (sem_counted_one_handle_fixed.c waits for all):
 * - main waits N - 1 times for the N workers of the first loop;
 * - the second create loop runs inside an outer loop of two rounds: 2 * N
 *   adders, N waits; the adders update totals[] under a lock, main reads
 *   it without one after the waits, while up to N adders may still run.
 *
 * TRUTH: races on results[] and totals[].
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define N 4

static long results[N], totals[N];
static sem_t done, done2;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    long id = (long)arg;
    results[id] = id * 4; // expect: data-race 'results[id]'
    sem_post(&done);
    return NULL;
}

static void *adder(void *arg)
{
    long id = (long)arg;
    pthread_mutex_lock(&lock);
    totals[id] += id; // expect: data-race 'totals[id]'
    pthread_mutex_unlock(&lock);
    sem_post(&done2);
    return NULL;
}

int main(void)
{
    pthread_t t;
    sem_init(&done, 0, 0);
    sem_init(&done2, 0, 0);
    for (long i = 0; i < N; i++) {
        pthread_create(&t, NULL, worker, (void *)i);
        pthread_detach(t);
    }
    for (int i = 0; i < N - 1; i++)
        sem_wait(&done);
    long s = 0;
    for (int i = 0; i < N; i++)
        s += results[i];
    for (int round = 0; round < 2; round++)
        for (long i = 0; i < N; i++) {
            pthread_create(&t, NULL, adder, (void *)i);
            pthread_detach(t);
        }
    for (int i = 0; i < N; i++)
        sem_wait(&done2);
    for (int i = 0; i < N; i++)
        s += totals[i];
    printf("%ld\n", s);
    return 0;
}
