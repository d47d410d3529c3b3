/*
 * countdown_unlocked_racy.c - workers each store a result and then lower
 * `left` WITHOUT the mutex before signalling; main waits under the mutex
 * with `while (left > 0) pthread_cond_wait(...)` and reads the results.
 *
 * TRUTH: races on left (the workers' unlocked decrements race with each
 * other and with main's locked reads; first write in file order: the
 * workers' decrement) and on results: a decrement outside the mutex orders
 * nothing (main can read left between two unlocked updates, and nothing
 * publishes the result to it), so the counter is not a join here.
 */
#include <pthread.h>
#include <stdio.h>

#define N 3

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int left = N;
static int results[N];

static void *worker(void *arg)
{
    long id = (long)arg;

    results[id] = (int)id + 1; // expect: data-race 'results'
    left--; // expect: data-race 'left'
    pthread_cond_signal(&cv);
    return NULL;
}

int main(void)
{
    int sum = 0;

    for (long i = 0; i < N; i++) {
        pthread_t t;

        pthread_create(&t, NULL, worker, (void *)i);
        pthread_detach(t);
    }
    pthread_mutex_lock(&m);
    while (left > 0)
        pthread_cond_wait(&cv, &m);
    pthread_mutex_unlock(&m);
    for (int i = 0; i < N; i++)
        sum += results[i];
    printf("%d\n", sum);
    return 0;
}
