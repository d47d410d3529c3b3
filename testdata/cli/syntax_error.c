/*
 * syntax_error.c - a unit with a syntax error in one function and a real
 * race in a thread routine that still parses.
 *
 * racecheck reports the parse error (an "error:" diagnostic naming this file;
 * exit code 1 in a normal run) and still analyses the unit as far as clang
 * got: clang recovers after the bad expression, so worker and main are
 * intact and the race on `counter` is found. In --verify mode the parse
 * error is reported but does not fail the run; the expectation below does
 * the checking. (This file intentionally does not compile.)
 */
#include <pthread.h>
#include <stdio.h>

#define N 4

static long counter;

int broken_checksum(int x)
{
    return x * + ; /* deliberate syntax error: expected expression */
}

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < 1000; k++)
        counter++; // expect: data-race 'counter'
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    int i;

    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("counter = %ld\n", counter);
    return 0;
}
