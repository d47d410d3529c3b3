/*
 * countdown_join_racy.c - as countdown_join_fixed.c (detached workers
 * decrement `remaining` under the mutex, main waits until it is 0 and then
 * reads the results), but each worker stores its result AFTER it has counted
 * itself done and released the mutex.
 *
 * TRUTH: a race on results[]: once the last decrement is made, main may read
 * a slot whose worker has not written it yet. The worker's write is the only
 * write (primary location). remaining is only accessed under m.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;
static int remaining = N;
static long results[N];

static void *worker(void *arg)
{
    long id = (long)(intptr_t)arg;

    pthread_mutex_lock(&m);
    if (--remaining == 0)
        pthread_cond_signal(&done);
    pthread_mutex_unlock(&m);
    results[id] = id * 1000 + 7; // expect: data-race 'results'
    return NULL;
}

int main(void)
{
    pthread_attr_t attr;
    pthread_t t;
    long sum = 0;

    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (long i = 0; i < N; i++)
        pthread_create(&t, &attr, worker, (void *)(intptr_t)i);
    pthread_attr_destroy(&attr);
    pthread_mutex_lock(&m);
    while (remaining > 0)
        pthread_cond_wait(&done, &m);
    pthread_mutex_unlock(&m);
    for (int i = 0; i < N; i++)
        sum += results[i];
    printf("sum %ld\n", sum);
    return 0;
}
