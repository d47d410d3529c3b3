// expect-no-findings
/*
 * countdown_join_fixed.c - detached workers each store their result in their
 * own slot, then decrement `remaining` under the mutex and signal when it
 * reaches 0; main waits on the condition variable in a while loop until
 * remaining == 0 and then reads all results. No thread is ever joined.
 *
 * TRUTH: no race. Each worker writes results[id] before it locks m to
 * decrement remaining; main reads results[] after it locked m and saw
 * remaining == 0, i.e. after every worker's decrement: every write happens
 * before every read. A static tool that only understands pthread_join sees
 * never-joined threads here; racecheck recognises the counter as a join
 * (ordering rule countdown).
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

    results[id] = id * 1000 + 7;
    pthread_mutex_lock(&m);
    if (--remaining == 0)
        pthread_cond_signal(&done);
    pthread_mutex_unlock(&m);
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
