/*
 * condvar_result_handoff_racy.c - as condvar_result_handoff_fixed.c (result
 * and ready set under the mutex, consumer waits in a while loop and reads
 * result outside the lock), but after signalling and unlocking the producer
 * "corrects" the result without the lock.
 *
 * TRUTH: a race on result: the producer's late write may run in parallel
 * with the consumer's unlocked read. The first write (under m, before the
 * signal) happens before the read and is not involved; the late write is the
 * primary location.
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
    result += 1; // expect: data-race 'result'
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
