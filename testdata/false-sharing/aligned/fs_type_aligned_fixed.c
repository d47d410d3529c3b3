/*
 * fs_type_aligned_fixed.c - the counter type is aligned to the line
 * (__attribute__((aligned(64))) on the struct): each element has a line of
 * its own.
 */
// expect-no-findings
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#define NTHREADS 8

struct __attribute__((aligned(64))) counter {
    atomic_long n;
};

static struct counter counters[NTHREADS];

static void *worker(void *arg) {
    long id = (long)(intptr_t)arg;
    for (int i = 0; i < 100000; i++)
        atomic_fetch_add(&counters[id].n, 1);
    return NULL;
}

int main(void) {
    pthread_t t[NTHREADS];
    for (long i = 0; i < NTHREADS; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < NTHREADS; i++) pthread_join(t[i], NULL);
    long sum = 0;
    for (int i = 0; i < NTHREADS; i++) sum += atomic_load(&counters[i].n);
    printf("%ld\n", sum);
    return 0;
}
