/*
 * fs_array_alignas_racy.c - _Alignas(64) on the array variable aligns its
 * start, not each element: the eight counters still share one line.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#define NTHREADS 8

static _Alignas(64) atomic_long counters[NTHREADS];

static void *worker(void *arg) {
    long id = (long)(intptr_t)arg;
    for (int i = 0; i < 100000; i++)
        atomic_fetch_add(&counters[id], 1); // expect: false-sharing 'counters'
    return NULL;
}

int main(void) {
    pthread_t t[NTHREADS];
    for (long i = 0; i < NTHREADS; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < NTHREADS; i++) pthread_join(t[i], NULL);
    long sum = 0;
    for (int i = 0; i < NTHREADS; i++) sum += atomic_load(&counters[i]);
    printf("%ld\n", sum);
    return 0;
}
