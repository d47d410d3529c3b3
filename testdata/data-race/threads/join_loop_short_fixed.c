// expect-no-findings
/*
 * join_loop_short_fixed.c - as join_loop_short_racy.c (n workers add to a
 * total under a lock, main reads it without the lock after a join loop),
 * but the join loop's bound, written `i <= n - 1`, covers every worker; a
 * second group of four workers started by `i < 4` is joined by `i != 4`.
 *
 * TRUTH: no race: every worker is joined before main reads.
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
    total += part;
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 4;
    pthread_t *t = malloc((size_t)n * sizeof *t);
    pthread_t four[4];
    int i;

    if (!t || n < 1)
        return 1;
    for (i = 0; i < n; i++)
        pthread_create(&t[i], NULL, worker, (void *)(long)i);
    for (i = 0; i <= n - 1; i++)
        pthread_join(t[i], NULL);
    for (i = 0; i < 4; i++)
        pthread_create(&four[i], NULL, worker, (void *)(long)i);
    for (i = 0; i != 4; i++)
        pthread_join(four[i], NULL);
    printf("total %ld\n", total);
    free(t);
    return 0;
}
