// expect-no-findings
/*
 * condvar_fixed.c - a one-slot mailbox: the producer waits for the slot to be
 * empty, stores `data` and sets `ready` under the mutex and signals; the
 * consumer waits in `while (!ready) pthread_cond_wait(...)` and reads `data`
 * before releasing the mutex.
 *
 * pthread_cond_wait releases and re-acquires m, so every access to data and
 * ready happens with m held. No finding.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define ROUNDS 5

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t filled = PTHREAD_COND_INITIALIZER;
static pthread_cond_t emptied = PTHREAD_COND_INITIALIZER;
static int ready;
static int data;

static void *producer(void *arg)
{
    (void)arg;
    for (int r = 1; r <= ROUNDS; r++) {
        pthread_mutex_lock(&m);
        while (ready)
            pthread_cond_wait(&emptied, &m);
        data = r * 10;
        ready = 1;
        pthread_cond_signal(&filled);
        pthread_mutex_unlock(&m);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    long sum = 0;

    (void)arg;
    for (int r = 1; r <= ROUNDS; r++) {
        pthread_mutex_lock(&m);
        while (!ready)
            pthread_cond_wait(&filled, &m);
        sum += data;
        ready = 0;
        pthread_cond_signal(&emptied);
        pthread_mutex_unlock(&m);
    }
    return (void *)(intptr_t)sum;
}

int main(void)
{
    pthread_t p, c;
    void *sum;

    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, &sum);
    printf("sum = %ld\n", (long)(intptr_t)sum);
    return 0;
}
