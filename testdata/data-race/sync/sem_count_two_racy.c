/*
 * sem_count_two_racy.c - a semaphore initialised to 2 limits how many
 * downloads run at once; the downloads also add to a shared byte counter
 * "inside" it, as if it were a lock.
 *
 * TRUTH: a race on total. A count of 2 admits two downloads at a time: the
 * semaphore bounds concurrency, it does not exclude.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define N 5

static sem_t slots;
static long total;

static void *download(void *arg)
{
    (void)arg;
    sem_wait(&slots);
    total += 4096; // expect: data-race 'total'
    sem_post(&slots);
    return NULL;
}

int main(void)
{
    pthread_t t[N];

    sem_init(&slots, 0, 2);
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, download, NULL);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%ld\n", total);
    sem_destroy(&slots);
    return 0;
}
