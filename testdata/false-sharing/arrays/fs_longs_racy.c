/*
 * fs_longs_racy.c - the textbook case: each worker counts into its own slot
 * of `long counters[NTHREADS]`, in its loop. No data race (each instance
 * indexes with its own id), but eight longs share one 64-byte line, so
 * every increment takes the line away from the other cores.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NTHREADS 4

static long counters[NTHREADS];

static void *worker(void *arg) {
    long id = (long)(intptr_t)arg;
    for (int i = 0; i < 1000000; i++)
        counters[id]++; // expect: false-sharing 'counters'
    return NULL;
}

int main(void) {
    pthread_t t[NTHREADS];
    for (long i = 0; i < NTHREADS; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    long sum = 0;
    for (int i = 0; i < NTHREADS; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < NTHREADS; i++) sum += counters[i];
    printf("%ld\n", sum);
    return 0;
}
