/*
 * fs_longs_fixed.c - fs_longs_racy.c with the fix the help names: count in
 * a local and write the slot once, after the loop. One write per thread
 * shares the line once, not a million times.
 */
// expect-no-findings
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NTHREADS 4

static long counters[NTHREADS];

static void *worker(void *arg) {
    long id = (long)(intptr_t)arg;
    long local = 0;
    for (int i = 0; i < 1000000; i++) local++;
    counters[id] = local;
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
