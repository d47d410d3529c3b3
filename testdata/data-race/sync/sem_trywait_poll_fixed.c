// expect-no-findings
/*
 * sem_trywait_poll_fixed.c - a producer fills a result record and posts a
 * semaphore initialised to 0; the consumer polls with sem_trywait in a loop
 * (doing other work meanwhile) until it succeeds, then reads the record.
 *
 * TRUTH: no race. sem_trywait returns 0 only after it took a post; the loop
 * is left only on that path, so every read after it follows the producer's
 * writes, which all precede its only post.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

struct result {
    int status;
    double value;
};

static struct result res;
static sem_t done;
static long spins;

static void *producer(void *arg)
{
    (void)arg;
    res.value = 3.25;
    res.status = 1;
    sem_post(&done);
    return NULL;
}

int main(void)
{
    pthread_t t;

    sem_init(&done, 0, 0);
    pthread_create(&t, NULL, producer, NULL);
    while (sem_trywait(&done) != 0)
        spins++;
    printf("status %d value %f after %ld spins\n", res.status, res.value, spins);
    res.status = 0;
    pthread_join(t, NULL);
    sem_destroy(&done);
    return 0;
}
