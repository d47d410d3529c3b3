/*
 * av_c11_counter_racy.c - C11 atomics used as two steps: each worker loads
 * the counter and stores the incremented copy (a lost update when two
 * workers interleave); `hits = hits + 1` on an _Atomic object is the same
 * two operations in one expression; the spin "lock" tests the flag and
 * then sets it (both workers may see it clear).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_long served;
static _Atomic int hits;
static atomic_int busy;

static void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        long v = atomic_load(&served); // expect: atomicity-violation 'served'
        atomic_store(&served, v + 1);
        hits = hits + 1; // expect: atomicity-violation 'hits'
    }
    while (atomic_load_explicit(&busy, memory_order_acquire)) { // expect: atomicity-violation 'busy'
    }
    atomic_store_explicit(&busy, 1, memory_order_relaxed);
    atomic_store_explicit(&busy, 0, memory_order_release);
    return NULL;
}

int main(void) {
    pthread_t t[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    printf("%ld %d\n", atomic_load(&served), atomic_load(&hits));
    return 0;
}
