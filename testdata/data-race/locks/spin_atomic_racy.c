/*
 * spin_atomic_racy.c - the locks of spin_atomic_fixed.c misused: a counter
 * touched once outside its spin lock, a counter guarded by two different
 * spin words at two places, a "lock" whose word is also counted with
 * fetch-add (a ticket counter, not a lock: what it guards races), and the
 * lock-free counter's neighbour updated with a plain increment; a
 * spinlock() whose value is a variable at one of its calls (it may store
 * 0: not surely a lock), and a word released by a plain store but also set
 * with a plain store of 1 (not used only as a lock).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define N 4

static atomic_int word_c11;
static volatile int word_tas;
static atomic_int ticket;
static long a, b, c, plain;
static atomic_long hits;
static volatile unsigned long word_var, word_plain;
static long g, h;

static void spinlock(volatile unsigned long *lock, long value)
{
    while (!__sync_bool_compare_and_swap(lock, 0, value)) ;
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
    a++; // expect: data-race 'a'
    spin_unlock(&word_c11);
    a--;

    spin_lock(&word_c11);
    b++; // expect: data-race 'b'
    spin_unlock(&word_c11);
    while (__sync_lock_test_and_set(&word_tas, 1)) ;
    b++;
    __sync_lock_release(&word_tas);

    while (atomic_exchange(&ticket, 1)) ;
    c++; // expect: data-race 'c'
    atomic_store(&ticket, 0);
    atomic_fetch_add(&ticket, 2);

    long old = atomic_load(&hits);
    while (!atomic_compare_exchange_weak(&hits, &old, old + 1)) ;
    plain++; // expect: data-race 'plain'

    spinlock(&word_var, (long)arg);
    g++; // expect: data-race 'g'
    word_var = 0; // expect: data-race 'word_var'

    while (!__sync_bool_compare_and_swap(&word_plain, 0, 1)) ;
    h++; // expect: data-race 'h'
    word_plain = 0; // expect: data-race 'word_plain'
    if (h > 100) word_plain = 1;
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (int i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    spinlock(&word_var, 1);
    printf("%ld %ld %ld %ld %ld %ld %ld\n", a, b, c, plain, g, h, atomic_load(&hits));
    return 0;
}
