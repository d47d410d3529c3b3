/*
 * sem_as_lock_racy.c - as sem_as_lock_fixed.c (a semaphore initialised to 1
 * guards the byte counter), but the bulk importer skips the semaphore.
 *
 * TRUTH: a race on bytes: bulk_import's unguarded `+=` may run in parallel
 * with the downloads' guarded `+=`. Both writes are involved; the
 * downloads' write comes first in the file, so the primary location is the
 * guarded one.
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
        bytes += 512; // expect: data-race 'bytes'
        sem_post(&guard);
    }
    return NULL;
}

static void *bulk_import(void *arg)
{
    (void)arg;
    bytes += 1L << 20; /* BUG: "only one importer, no need to lock" */
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
