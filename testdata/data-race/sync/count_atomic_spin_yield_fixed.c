// expect-no-findings
/*
 * count_atomic_spin_yield_fixed.c - workers write their result and then
 * count themselves done with atomic_fetch_add; main spins on an atomic
 * load of the count until it reaches the number of workers, yielding the
 * processor (sched_yield) or sleeping (nanosleep) on each round, then
 * reads the results.
 *
 * TRUTH: no race: each increment is sequentially consistent and main's
 * load that sees the last one synchronises with every worker's increment
 * (a release sequence); a library call that yields or sleeps in the loop
 * changes nothing.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>

#define NT 4
static long results[NT], squares[NT];
static atomic_int finished, squared;

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    results[id] = id;
    atomic_fetch_add(&finished, 1);
    squares[id] = (long)id * id;
    atomic_fetch_add(&squared, 1);
    return 0;
}

int main(void)
{
    pthread_t t[NT];
    struct timespec pause = {0, 1000};
    for (long i = 0; i < NT; i++)
        pthread_create(&t[i], 0, worker, (void *)i);
    while (atomic_load(&finished) < NT)
        sched_yield();
    long sum = results[0] + results[NT - 1];
    while (atomic_load(&squared) < NT)
        nanosleep(&pause, 0);
    sum += squares[NT - 1];
    for (int i = 0; i < NT; i++)
        pthread_join(t[i], 0);
    return (int)sum;
}
