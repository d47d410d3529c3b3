// expect-no-findings
/*
 * count_atomic_spin_fixed.c - workers publish their results, then count
 * themselves done with an atomic read-modify-write; main spins on an
 * atomic load until the count reaches its bound, then reads every result
 * (rule countdown, with the atomics ordering instead of a mutex): counted
 * up to the number of workers (`atomic_fetch_add(&finished, 1)`, `while
 * (atomic_load(&finished) < T)`), and down to zero with acquire and
 * release orders (`atomic_fetch_sub_explicit(&left, 1, release)`, `while
 * (atomic_load_explicit(&left, acquire) > 0)`).
 */
#include <pthread.h>
#include <stdatomic.h>

#define T 4

static long result[T], squares[T];
static atomic_int finished;
static atomic_int left = T;

static void *worker(void *arg) {
    long id = (long)arg;
    result[id] = id * 3;
    atomic_fetch_add(&finished, 1);
    return NULL;
}

static void *squarer(void *arg) {
    long id = (long)arg;
    squares[id] = id * id;
    atomic_fetch_sub_explicit(&left, 1, memory_order_release);
    return NULL;
}

int main(void) {
    pthread_t t[T], u[T];
    for (long i = 0; i < T; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (long i = 0; i < T; i++) pthread_create(&u[i], NULL, squarer, (void *)i);
    while (atomic_load(&finished) < T)
        ;
    while (atomic_load_explicit(&left, memory_order_acquire) > 0)
        ;
    long s = 0;
    for (int i = 0; i < T; i++) s += result[i] + squares[i];
    for (int i = 0; i < T; i++) {
        pthread_detach(t[i]);
        pthread_detach(u[i]);
    }
    return (int)s;
}
