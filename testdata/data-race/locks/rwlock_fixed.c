// expect-no-findings
/*
 * rwlock_fixed.c - N readers look up a table under the read lock while one
 * writer updates it under the write lock.
 *
 * Reads under read locks do not conflict with each other; every write holds
 * the write lock, which excludes all readers. main initialises the table
 * before creating any thread. No finding.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NREADERS 4
#define SIZE 64
#define ROUNDS 10000

static pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
static int table[SIZE];
static long generation;

static void *reader(void *arg)
{
    long seen = 0;

    (void)arg;
    for (int k = 0; k < ROUNDS; k++) {
        pthread_rwlock_rdlock(&table_lock);
        seen += table[k % SIZE] + generation;
        pthread_rwlock_unlock(&table_lock);
    }
    return (void *)(intptr_t)seen;
}

static void *writer(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++) {
        pthread_rwlock_wrlock(&table_lock);
        table[k % SIZE] = k;
        generation++;
        pthread_rwlock_unlock(&table_lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t readers[NREADERS], w;
    int i;

    for (i = 0; i < SIZE; i++)
        table[i] = -1;
    for (i = 0; i < NREADERS; i++)
        pthread_create(&readers[i], NULL, reader, NULL);
    pthread_create(&w, NULL, writer, NULL);
    for (i = 0; i < NREADERS; i++)
        pthread_join(readers[i], NULL);
    pthread_join(w, NULL);
    printf("generation %ld\n", generation);
    return 0;
}
