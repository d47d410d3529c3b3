/*
 * inline_malformed.c - racecheck-ignore directives that suppress nothing: a
 * missing reason and an unknown rule name are warnings, and the races they
 * were meant to hide are still reported (cli/suppress_malformed checks the
 * warnings).
 */
#include <pthread.h>

#define N 2

static long a, b;

static void *worker(void *arg)
{
    (void)arg;
    a++; // racecheck-ignore[data-race] expect: data-race 'a'
    b++; // racecheck-ignore[data-rase]: typo in the rule name  expect: data-race 'b'
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return (int)(a + b);
}
