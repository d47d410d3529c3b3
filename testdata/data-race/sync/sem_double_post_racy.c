/*
 * sem_double_post_racy.c - a semaphore initialised to 1 guards a histogram;
 * each worker waits, updates it and posts - but on the path that records an
 * overflow the worker posts twice (the early release of a refactoring left
 * the unconditional one in place).
 *
 * TRUTH: races on the histogram and on overflow. The second post follows no
 * wait of its own: after it the count is 2 and two workers update the bins
 * (or the overflow count) at once.
 * The must-lockset after the first post no longer holds the semaphore, so
 * the second is a post without a wait.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define N 4
#define BINS 8

static sem_t guard;
static long bins[BINS];
static long overflow;

static void *worker(void *arg)
{
    long seed = (long)arg;
    for (int i = 0; i < 50; i++) {
        long v = (seed * 31 + i) % 11;
        sem_wait(&guard);
        if (v >= BINS) {
            overflow++; // expect: data-race 'overflow'
            sem_post(&guard); /* BUG: released here ... */
        } else {
            bins[v]++; // expect: data-race 'bins[v]'
        }
        sem_post(&guard); /* ... and again here */
    }
    return NULL;
}

int main(void)
{
    pthread_t t[N];

    sem_init(&guard, 0, 1);
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%ld overflow\n", overflow);
    sem_destroy(&guard);
    return 0;
}
