// expect-no-findings
/*
 * spin_atomic_fixed.c - locks built by hand from atomics, the five usual
 * ways, each guarding its own counter:
 *   - a C11 compare-exchange loop in a spin_lock() helper, released by
 *     atomic_store(.., 0) in spin_unlock() (the helper returns holding *l);
 *   - GCC's __sync_lock_test_and_set / __sync_lock_release;
 *   - atomic_flag_test_and_set / atomic_flag_clear;
 *   - __sync_bool_compare_and_swap(&w, 0, 1), released by
 *     __atomic_store_n(&w, 0, ..), with a spin-wait on an atomic load
 *     before each attempt;
 *   - __atomic_exchange_n(&w, 1, ..), released by __atomic_store_n(&w, 0, ..);
 *   - nginx's shape: spinlock(&w, 1, 2048) compare-and-swaps the value its
 *     callers pass (always a non-zero constant), after a plain spin-wait
 *     read, and a macro releases with a plain store `*(lock) = 0` (the
 *     word's own plain accesses are synchronisation, not races).
 * Beside them a lock-free counter updated by a compare-exchange loop whose
 * desired value is not a constant: an atomic variable, not a lock (its
 * accesses are all atomic: no race either).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define N 4

static atomic_int word_c11;
static volatile int word_tas;
static atomic_flag flag = ATOMIC_FLAG_INIT;
static int word_cas;
static int word_xchg;
static atomic_long hits;
static volatile unsigned long word_ngx;
static long a, b, c, d, e, f;

#define ngx_unlock(lock) *(lock) = 0

static void spinlock(volatile unsigned long *lock, long value, unsigned long spin)
{
    for (;;) {
        if (*lock == 0 && __sync_bool_compare_and_swap(lock, 0, value)) return;
        for (unsigned long n = 1; n < spin; n <<= 1)
            if (*lock == 0 && __sync_bool_compare_and_swap(lock, 0, value)) return;
    }
}

static void spin_lock(atomic_int *l)
{
    int expected = 0;
    while (!atomic_compare_exchange_weak(l, &expected, 1)) expected = 0;
}

static void spin_unlock(atomic_int *l)
{
    atomic_store(l, 0);
}

static void *worker(void *arg)
{
    (void)arg;
    spin_lock(&word_c11);
    a++;
    spin_unlock(&word_c11);

    while (__sync_lock_test_and_set(&word_tas, 1)) ;
    b++;
    __sync_lock_release(&word_tas);

    while (atomic_flag_test_and_set(&flag)) ;
    c++;
    atomic_flag_clear(&flag);

    for (;;) {
        while (__atomic_load_n(&word_cas, __ATOMIC_RELAXED)) ;
        if (__sync_bool_compare_and_swap(&word_cas, 0, 1)) break;
    }
    d++;
    __atomic_store_n(&word_cas, 0, __ATOMIC_RELEASE);

    while (__atomic_exchange_n(&word_xchg, 1, __ATOMIC_ACQUIRE)) ;
    e++;
    __atomic_store_n(&word_xchg, 0, __ATOMIC_RELEASE);

    spinlock(&word_ngx, 1, 2048);
    f++;
    ngx_unlock(&word_ngx);

    long old = atomic_load(&hits);
    while (!atomic_compare_exchange_weak(&hits, &old, old + 1)) ;
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (int i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    printf("%ld %ld %ld %ld %ld %ld %ld\n", a, b, c, d, e, f, atomic_load(&hits));
    return 0;
}
