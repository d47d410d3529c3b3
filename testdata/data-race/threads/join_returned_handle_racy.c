/*
 * join_returned_handle_racy.c - handles returned by helpers that do not
 * order main's accesses:
 * - main reads `answer` before it joins the handle start_compute()
 *   returned;
 * - start_logger() returns its thread's handle, but main drops it and
 *   never joins the logger;
 * - start_counter() is called twice and only the first counter joined:
 *   the second still runs when main reads `counted`.
 *
 * TRUTH: races on answer (read before the join), on lines (the logger's
 * write against main's read) and on counted (the second counter's
 * increment against main's read and the first counter's).
 */
#include <pthread.h>
#include <stdio.h>

static int answer, lines, counted;

static void *compute(void *arg)
{
    answer = 42; // expect: data-race 'answer'
    return arg;
}

static void *logger(void *arg)
{
    lines = 1; // expect: data-race 'lines'
    return arg;
}

static void *counter(void *arg)
{
    counted++; // expect: data-race 'counted'
    return arg;
}

static pthread_t start_counter(void)
{
    pthread_t t;
    pthread_create(&t, NULL, counter, NULL);
    return t;
}

static pthread_t start_compute(void)
{
    pthread_t t;
    pthread_create(&t, NULL, compute, NULL);
    return t;
}

static pthread_t start_logger(void)
{
    pthread_t t;
    pthread_create(&t, NULL, logger, NULL);
    return t;
}

int main(void)
{
    pthread_t worker = start_compute();
    start_logger();
    printf("%d\n", answer);
    pthread_join(worker, NULL);
    printf("%d\n", lines);
    pthread_t first = start_counter();
    pthread_t second = start_counter();
    pthread_join(first, NULL);
    printf("%d\n", counted);
    (void)second;
    return 0;
}
