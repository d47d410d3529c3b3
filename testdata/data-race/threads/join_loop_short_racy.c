/*
 * join_loop_short_racy.c - main starts n workers (n from the command line)
 * into a handle array and joins them with a loop that stops one short
 * (`i < n - 1`); then it reads the total the workers add to under a lock,
 * without the lock.
 *
 * TRUTH: a race on total: the last worker is never joined, so its locked
 * `+=` may run while main reads. The worker's write is the only write
 * (primary location).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void *worker(void *arg)
{
    long part = (long)arg;

    pthread_mutex_lock(&lock);
    total += part; // expect: data-race 'total'
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 4;
    pthread_t *t = malloc((size_t)n * sizeof *t);

    if (!t || n < 1)
        return 1;
    for (int i = 0; i < n; i++)
        pthread_create(&t[i], NULL, worker, (void *)(long)i);
    for (int i = 0; i < n - 1; i++) /* BUG: the last worker is not joined */
        pthread_join(t[i], NULL);
    printf("total %ld\n", total);
    free(t);
    return 0;
}
