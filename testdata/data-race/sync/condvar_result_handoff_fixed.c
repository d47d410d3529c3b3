// expect-no-findings
/*
 * condvar_result_handoff_fixed.c - a producer thread computes a result, then
 * sets the result and the `ready` flag under the mutex and signals; a consumer
 * thread waits in `while (!ready)` under the mutex, unlocks, and then reads
 * the result outside the lock.
 *
 * TRUTH: no race. The producer writes `result` before releasing m after
 * setting ready; the consumer reads it after acquiring m and seeing
 * ready == 1 (whether or not it ever waited), so the write happens before
 * the read. `ready` is only accessed under m.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int ready;
static long result;

static void *producer(void *arg)
{
    long acc = 0;

    (void)arg;
    for (long k = 1; k <= 1000; k++)
        acc += k * k;
    pthread_mutex_lock(&m);
    result = acc;
    ready = 1;
    pthread_cond_signal(&c);
    pthread_mutex_unlock(&m);
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&m);
    while (!ready)
        pthread_cond_wait(&c, &m);
    pthread_mutex_unlock(&m);
    printf("result %ld\n", result);
    return NULL;
}

int main(void)
{
    pthread_t p, q;

    pthread_create(&q, NULL, consumer, NULL);
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(p, NULL);
    pthread_join(q, NULL);
    return 0;
}
