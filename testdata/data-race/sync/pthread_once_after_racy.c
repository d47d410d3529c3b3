/*
 * pthread_once_after_racy.c - workers that each run pthread_once before
 * using a table its routine fills, and then update a counter without a
 * lock. The routine's writes are ordered before every return of
 * pthread_once with the same control (no race on `table`); nothing orders
 * the updates after it: the once-control is not a lock the threads hold.
 * The evidence shows the accesses after it as "holding 'once: its once
 * routine has run'", and the help line suggests a mutex, not the once
 * (testdata/CMakeLists.txt, cli/once_not_a_lock).
 *
 * TRUTH: racy on `counter` (every worker's `counter += table[i]`), not on
 * `table`.
 */
#include <pthread.h>

#define N 4

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int table[8];
static long counter;

static void fill(void)
{
    for (int i = 0; i < 8; i++)
        table[i] = i * i;
}

static void *worker(void *arg)
{
    pthread_once(&once, fill);
    for (int i = 0; i < 8; i++)
        counter += table[i]; // expect: data-race 'counter'
    return arg;
}

int main(void)
{
    pthread_t t[N];
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return (int)(counter & 1);
}
