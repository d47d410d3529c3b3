// expect-no-findings
/*
 * qsort_fixed.c - qsort_racy.c with each worker sorting under sort_lock:
 * the comparator runs inside the qsort call, in the worker, holding the
 * lock too, so its ncompares++ is protected like the array.
 */
#include <pthread.h>
#include <stdlib.h>

#define N 4

static int data[64];
static long ncompares;
static pthread_mutex_t sort_lock = PTHREAD_MUTEX_INITIALIZER;

static int by_value(const void *a, const void *b)
{
    ncompares++;
    return *(const int *)a - *(const int *)b;
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&sort_lock);
    qsort(data, 64, sizeof data[0], by_value);
    pthread_mutex_unlock(&sort_lock);
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
