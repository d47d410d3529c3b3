/*
 * join_order_racy.c - like join_order_fixed.c, but main resets the global
 * between pthread_create and pthread_join.
 *
 * solver's write and main's `result = 0` may run in parallel: a write/write
 * race. The primary location is the first of the two writes in file order,
 * the one in solver. main's initial write precedes the create and its read
 * follows the join: neither is involved.
 */
#include <pthread.h>
#include <stdio.h>

static long result;

static long fib(int n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static void *solver(void *arg)
{
    (void)arg;
    result = fib(25); // expect: data-race 'result'
    return NULL;
}

int main(void)
{
    pthread_t t;

    result = -1;
    pthread_create(&t, NULL, solver, NULL);
    result = 0; /* "clear the stale value" while solver may be writing it */
    pthread_join(t, NULL);
    printf("fib(25) = %ld\n", result);
    return 0;
}
