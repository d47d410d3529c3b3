// expect-no-findings
/*
 * sem_as_lock_fixed.c - a semaphore initialised to 1 is used as a lock: the
 * download workers and the one bulk importer all take it (sem_wait) around
 * every access of the shared byte counter and release it (sem_post).
 *
 * TRUTH: no race. Every access of `bytes` is between sem_wait and sem_post
 * of `guard`, whose count never exceeds 1: the accesses are mutually
 * exclusive. main reads `bytes` after joining every thread.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define N 3

static sem_t guard;
static long bytes;

static void *download(void *arg)
{
    (void)arg;
    for (int chunk = 0; chunk < 100; chunk++) {
        sem_wait(&guard);
        bytes += 512;
        sem_post(&guard);
    }
    return NULL;
}

static void *bulk_import(void *arg)
{
    (void)arg;
    sem_wait(&guard);
    bytes += 1L << 20;
    sem_post(&guard);
    return NULL;
}

int main(void)
{
    pthread_t t[N], bulk;

    sem_init(&guard, 0, 1);
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, download, NULL);
    pthread_create(&bulk, NULL, bulk_import, NULL);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    pthread_join(bulk, NULL);
    printf("%ld bytes\n", bytes);
    sem_destroy(&guard);
    return 0;
}
