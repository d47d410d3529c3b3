// expect-no-findings
/*
 * spin_relaxed_fixed.c - spin_relaxed_racy.c's three spin locks with the
 * orders a lock needs: the acquiring operation acquires, the releasing
 * store releases.
 *
 * TRUTH: no race: each release synchronises with the next acquire of the
 * same word, so every turn's increment happens before the next turn's.
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
        while (__atomic_test_and_set(&held_a, __ATOMIC_ACQUIRE))
            ;
        hits_a++;
        __atomic_clear(&held_a, __ATOMIC_RELEASE);

        while (__atomic_exchange_n(&word_b, 1, __ATOMIC_ACQUIRE))
            ;
        hits_b++;
        __atomic_store_n(&word_b, 0, __ATOMIC_RELEASE);

        int expected = 0;
        while (!atomic_compare_exchange_weak_explicit(&word_c, &expected, 1, memory_order_acquire,
                                                      memory_order_relaxed))
            expected = 0;
        hits_c++;
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
