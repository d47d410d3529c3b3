/*
 * fs_slot_pointer_racy.c - the worker takes a pointer to its slot once
 * (`long *mine = &counters[id]`) and increments through it: the write is
 * to the instance's own element (no data race), whose layout is that of
 * the index step the pointer was taken at, and the slots are 8 bytes: the
 * same false sharing as counters[id]++ (fs_longs_racy.c).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NTHREADS 4

static long counters[NTHREADS];

static void *worker(void *arg) {
    long id = (long)(intptr_t)arg;
    long *mine = &counters[id];
    for (int i = 0; i < 1000000; i++)
        (*mine)++; // expect: false-sharing '*mine'
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
