// expect-no-findings
/*
 * flag_orders_fixed.c - flags that hand data over with the memory orders
 * that make them do so: a release store (or a sequentially consistent
 * one) before which the setter writes the data, an acquire load (or a
 * sequentially consistent one) the reader polls before it reads:
 * - atomic_store_explicit(.., memory_order_release) against
 *   atomic_load_explicit(.., memory_order_acquire);
 * - __atomic_store_n(.., __ATOMIC_RELEASE) against __atomic_load_n(..,
 *   __ATOMIC_ACQUIRE);
 * - atomic_store against atomic_load (sequentially consistent).
 *
 * TRUTH: no race on a, b or c.
 */
#include <pthread.h>
#include <stdatomic.h>

static int a, b, c;
static atomic_int fa, fc;
static int fb;

static void *setter(void *arg)
{
    (void)arg;
    a = 1;
    atomic_store_explicit(&fa, 1, memory_order_release);
    b = 2;
    __atomic_store_n(&fb, 1, __ATOMIC_RELEASE);
    c = 3;
    atomic_store(&fc, 1);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, setter, NULL);
    while (!atomic_load_explicit(&fa, memory_order_acquire))
        ;
    int x = a;
    while (!__atomic_load_n(&fb, __ATOMIC_ACQUIRE))
        ;
    x += b;
    while (!atomic_load(&fc))
        ;
    x += c;
    pthread_join(t, NULL);
    return x;
}
