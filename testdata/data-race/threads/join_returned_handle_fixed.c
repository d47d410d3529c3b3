// expect-no-findings
/*
 * join_returned_handle_fixed.c - a helper starts a thread and returns its
 * handle (`pthread_t t; pthread_create(&t, ..); return t;`); its caller
 * stores the result and joins it, then reads what the thread wrote.
 *
 * TRUTH: no race: the join of the stored handle ends the thread before
 * main reads `answer`.
 */
#include <pthread.h>
#include <stdio.h>

static int answer;

static void *compute(void *arg)
{
    answer = 42;
    return arg;
}

static pthread_t start_compute(void)
{
    pthread_t t;
    pthread_create(&t, NULL, compute, NULL);
    return t;
}

int main(void)
{
    pthread_t worker = start_compute();
    pthread_join(worker, NULL);
    printf("%d\n", answer);
    return 0;
}
