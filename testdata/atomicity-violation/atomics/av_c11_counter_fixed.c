// expect-no-findings
/*
 * av_c11_counter_fixed.c - av_c11_counter_racy.c with one atomic step per
 * update: atomic_fetch_add, `hits += 1` (an atomic read-modify-write on an
 * _Atomic object) and a test-and-set spin lock (atomic_exchange). The store
 * that resets a statistic to the constant it was found different from is
 * quiet too: it loses nothing an unconditional store would not.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_long served;
static _Atomic int hits;
static atomic_int busy;
static atomic_int dirty;

static void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        atomic_fetch_add(&served, 1);
        hits += 1;
    }
    while (atomic_exchange_explicit(&busy, 1, memory_order_acquire)) {
    }
    atomic_store_explicit(&busy, 0, memory_order_release);
    if (atomic_load(&dirty) != 0) atomic_store(&dirty, 0);
    return NULL;
}

int main(void) {
    pthread_t t[4];
    atomic_store(&dirty, 1);
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    printf("%ld %d\n", atomic_load(&served), atomic_load(&hits));
    return 0;
}
