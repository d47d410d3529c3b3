/*
 * sem_timedwait_timeout_racy.c - as sem_timedwait_handoff_fixed.c (a loader
 * fills a table and posts a 0-initialised semaphore; main waits with a
 * deadline), but on a timeout main still reports how far the loader got.
 *
 * TRUTH: a race on nentries: on the timeout path main's read is not ordered
 * after the loader's write (the loader may still be running). The reads on
 * the success path are ordered by the hand-off: no race on table.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>

#define N 16

static int table[N];
static int nentries;
static sem_t ready;

static void *loader(void *arg)
{
    (void)arg;
    for (int i = 0; i < N; i++)
        table[i] = i * i;
    nentries = N; // expect: data-race 'nentries'
    sem_post(&ready);
    return NULL;
}

int main(void)
{
    pthread_t t;
    struct timespec deadline;

    sem_init(&ready, 0, 0);
    pthread_create(&t, NULL, loader, NULL);
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 2;
    if (sem_timedwait(&ready, &deadline) == 0) {
        long sum = 0;
        for (int i = 0; i < nentries; i++)
            sum += table[i];
        printf("sum %ld\n", sum);
    } else {
        fprintf(stderr, "timed out with %d entries\n", nentries); /* BUG: not ordered */
    }
    pthread_join(t, NULL);
    sem_destroy(&ready);
    return 0;
}
