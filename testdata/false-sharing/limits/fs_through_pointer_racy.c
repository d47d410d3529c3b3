/*
 * fs_through_pointer_racy.c - a known limit: the worker takes a pointer to
 * its slot once and increments through it. The write names no array
 * element (the path is `*mine`), so the rule does not see the slot: a
 * known miss. The same counters written as counters[id] are reported
 * (fs_longs_racy.c). data-race does not see the pointer as the
 * instance's own element either (a known false alarm of that rule).
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
        // known-false-alarm@+1: data-race 'mine'
        (*mine)++; // known-miss: false-sharing 'mine'
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
