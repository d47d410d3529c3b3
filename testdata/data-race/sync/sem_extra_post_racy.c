/*
 * sem_extra_post_racy.c - a semaphore initialised to 1 guards the job
 * counter like a lock (every worker waits, counts, posts), but main posts it
 * once more right after initialising it ("make sure it starts unlocked").
 *
 * TRUTH: a race on jobs_done. The count of `slot` starts at 1 and main's
 * post, not paired with a wait of its own, raises it to 2: two workers pass
 * sem_wait at once and their `++` run in parallel. A semaphore is a lock
 * only while its count can never exceed 1.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define N 4

static sem_t slot;
static long jobs_done;

static void *worker(void *arg)
{
    (void)arg;
    for (int j = 0; j < 10; j++) {
        sem_wait(&slot);
        jobs_done++; // expect: data-race 'jobs_done'
        sem_post(&slot);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[N];

    sem_init(&slot, 0, 1);
    sem_post(&slot); /* BUG: the count is now 2 */
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%ld jobs\n", jobs_done);
    sem_destroy(&slot);
    return 0;
}
