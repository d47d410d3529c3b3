/*
 * spin_relaxed_racy.c - spin locks built from atomics with too weak memory
 * orders, each guarding its own counter:
 *   - __atomic_test_and_set / __atomic_clear, both relaxed;
 *   - an acquiring exchange, released by a relaxed store;
 *   - a relaxed compare-exchange, released by a release store.
 *
 * TRUTH: races on hits_a, hits_b and hits_c. The locks exclude each other
 * (the atomic read-modify-write sees every store), but a relaxed release
 * or acquire creates no happens-before edge: the counter's increment in one
 * turn is not ordered before the next turn's, a data race in C11 (and on
 * weakly ordered hardware, a lost update). spin_relaxed_fixed.c: the same
 * with acquire and release.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

static bool held_a;
static int word_b;
static atomic_int word_c;
static long hits_a, hits_b, hits_c;

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        while (__atomic_test_and_set(&held_a, __ATOMIC_RELAXED))
            ;
        hits_a++; // expect: data-race 'hits_a'
        __atomic_clear(&held_a, __ATOMIC_RELAXED);

        while (__atomic_exchange_n(&word_b, 1, __ATOMIC_ACQUIRE))
            ;
        hits_b++; // expect: data-race 'hits_b'
        __atomic_store_n(&word_b, 0, __ATOMIC_RELAXED);

        int expected = 0;
        while (!atomic_compare_exchange_weak_explicit(&word_c, &expected, 1, memory_order_relaxed,
                                                      memory_order_relaxed))
            expected = 0;
        hits_c++; // expect: data-race 'hits_c'
        atomic_store_explicit(&word_c, 0, memory_order_release);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)(hits_a + hits_b + hits_c);
}
