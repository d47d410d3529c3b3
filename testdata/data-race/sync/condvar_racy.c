/*
 * condvar_racy.c - as condvar_fixed.c, but the consumer empties the slot and
 * unlocks BEFORE reading `data`.
 *
 * Once ready is 0 and m released, the producer may store the next value
 * while the consumer is still reading the previous one: the producer's
 * write of data (under m) races with the consumer's unlocked read. That write
 * is the only write of data, hence the primary location. `ready` is always
 * accessed under m: no race.
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
        data = r * 10; // expect: data-race 'data'
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
        ready = 0;
        pthread_cond_signal(&emptied);
        pthread_mutex_unlock(&m);
        sum += data; /* BUG: read after unlocking */
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
