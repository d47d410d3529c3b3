/*
 * rwlock_racy.c - as rwlock_fixed.c, but the writer takes only the READ lock
 * before modifying the table.
 *
 * A read lock is shared: readers hold it at the same time as the writer, so a
 * write under a read lock protects nothing. Both written locations, the
 * table (array elements are one location) and generation, race with the
 * readers' reads. The writer is the only writer, so its two writes are the
 * primary locations of the two findings.
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
        pthread_rwlock_rdlock(&table_lock); /* BUG: should be wrlock */
        table[k % SIZE] = k; // expect: data-race 'table'
        generation++; // expect: data-race 'generation'
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
