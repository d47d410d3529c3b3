/*
 * count_atomic_spin_racy.c - spin-waits on an atomic count that do not
 * order the results: a worker that counts itself done before it writes,
 * a spin on a relaxed load (it acquires nothing), and a relaxed count (it
 * releases nothing).
 */
#include <pthread.h>
#include <stdatomic.h>

#define T 4

static long early[T], loose[T], lax[T];
static atomic_int n_early, n_loose, n_lax;

static void *worker(void *arg) {
    long id = (long)arg;
    atomic_fetch_add(&n_early, 1);
    early[id] = id; // expect: data-race 'early[id]'
    loose[id] = id; // expect: data-race 'loose[id]'
    atomic_fetch_add(&n_loose, 1);
    lax[id] = id; // expect: data-race 'lax[id]'
    atomic_fetch_add_explicit(&n_lax, 1, memory_order_relaxed);
    return NULL;
}

int main(void) {
    pthread_t t[T];
    for (long i = 0; i < T; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    while (atomic_load(&n_early) < T)
        ;
    while (atomic_load_explicit(&n_loose, memory_order_relaxed) < T)
        ;
    while (atomic_load(&n_lax) < T)
        ;
    long s = 0;
    for (int i = 0; i < T; i++) s += early[i] + loose[i] + lax[i];
    for (int i = 0; i < T; i++) pthread_detach(t[i]);
    return (int)s;
}
