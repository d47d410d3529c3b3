// expect-no-findings
/*
 * join_order_fixed.c - one thread computes into a global; main touches the
 * global only before pthread_create and after pthread_join.
 *
 * main's first write precedes the create and its later read and write follow
 * the join of the only handle, so nothing main does may run in parallel with
 * solver. No finding.
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
    result = fib(25);
    return NULL;
}

int main(void)
{
    pthread_t t;

    result = -1;
    pthread_create(&t, NULL, solver, NULL);
    pthread_join(t, NULL);
    printf("fib(25) = %ld\n", result);
    result = 0; /* reset after the join: solver is finished */
    return 0;
}
