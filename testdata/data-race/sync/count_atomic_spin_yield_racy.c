/*
 * count_atomic_spin_yield_racy.c - spin-waits on an atomic count that
 * yield on each round, but wait for the wrong thing:
 *   - the workers count themselves done before they write their result;
 *   - the second count is relaxed: it releases nothing.
 *
 * TRUTH: races on results[id] (written after the count main waits for)
 * and on squares[id] (a relaxed count orders nothing).
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#define NT 4
static long results[NT], squares[NT];
static atomic_int finished, squared;

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    atomic_fetch_add(&finished, 1);
    results[id] = id; // expect: data-race 'results[id]'
    squares[id] = (long)id * id; // expect: data-race 'squares[id]'
    atomic_fetch_add_explicit(&squared, 1, memory_order_relaxed);
    return 0;
}

int main(void)
{
    pthread_t t[NT];
    for (long i = 0; i < NT; i++)
        pthread_create(&t[i], 0, worker, (void *)i);
    while (atomic_load(&finished) < NT)
        sched_yield();
    long sum = results[NT - 1];
    while (atomic_load(&squared) < NT)
        sched_yield();
    sum += squares[NT - 1];
    for (int i = 0; i < NT; i++)
        pthread_join(t[i], 0);
    return (int)sum;
}
