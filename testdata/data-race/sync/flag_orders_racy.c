/*
 * flag_orders_racy.c - flag_orders_fixed.c with relaxed orders, which
 * order nothing but the flag itself:
 * - a relaxed store against an acquire load;
 * - a release store against a relaxed load (__ATOMIC_RELAXED);
 * - both relaxed.
 *
 * TRUTH: races on a, b and c (the flags themselves are atomic: no race).
 */
#include <pthread.h>
#include <stdatomic.h>

static int a, b, c;
static atomic_int fa, fc;
static int fb;

static void *setter(void *arg)
{
    (void)arg;
    a = 1; // expect: data-race 'a'
    atomic_store_explicit(&fa, 1, memory_order_relaxed);
    b = 2; // expect: data-race 'b'
    __atomic_store_n(&fb, 1, __ATOMIC_RELEASE);
    c = 3; // expect: data-race 'c'
    atomic_store_explicit(&fc, 1, memory_order_relaxed);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, setter, NULL);
    while (!atomic_load_explicit(&fa, memory_order_acquire))
        ;
    int x = a;
    while (!__atomic_load_n(&fb, __ATOMIC_RELAXED))
        ;
    x += b;
    while (!atomic_load_explicit(&fc, memory_order_relaxed))
        ;
    x += c;
    pthread_join(t, NULL);
    return x;
}
