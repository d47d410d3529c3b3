/*
 * qsort_racy.c - several workers sort one shared array, and the comparator
 * counts its calls in a global.
 *
 * qsort reads and writes the array its first argument points to and calls
 * the comparator in the calling thread (rules/libc-effects.json: effect
 * "call"), so the worker instances race on `data` (at the qsort) and on
 * `ncompares` (in the comparator, which runs in each worker).
 */
#include <pthread.h>
#include <stdlib.h>

#define N 4

static int data[64];
static long ncompares;

static int by_value(const void *a, const void *b)
{
    ncompares++; // expect: data-race 'ncompares'
    return *(const int *)a - *(const int *)b;
}

static void *worker(void *arg)
{
    (void)arg;
    qsort(data, 64, sizeof data[0], by_value); // expect: data-race 'data'
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return (int)ncompares;
}
