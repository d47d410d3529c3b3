// expect-no-findings
/*
 * join_runtime_count_fixed.c - the number of workers comes from the command
 * line; main mallocs the handle array, creates the workers in a loop and joins
 * them with the matching loop over the same array. Each worker adds its count
 * of primes to `found` under a mutex; main prints `found` after the join loop
 * without the lock.
 *
 * TRUTH: no race. The workers' accesses to found hold `lock`; main's read
 * comes after every worker was joined. The handle array is written by the
 * create loop and read by the join loop, both in main.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define LIMIT 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long found;
static int nthreads;

static void *count_primes(void *arg)
{
    long id = (long)(intptr_t)arg;
    long mine = 0;

    for (long x = 2 + id; x < LIMIT; x += nthreads) {
        long d = 2;
        while (d * d <= x && x % d != 0)
            d++;
        mine += d * d > x;
    }
    pthread_mutex_lock(&lock);
    found += mine;
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(int argc, char **argv)
{
    nthreads = argc > 1 ? atoi(argv[1]) : 4;
    if (nthreads < 1)
        return 2;
    pthread_t *ths = malloc(nthreads * sizeof *ths);
    if (!ths)
        return 1;
    for (int i = 0; i < nthreads; i++)
        pthread_create(&ths[i], NULL, count_primes, (void *)(intptr_t)i);
    for (int i = 0; i < nthreads; i++)
        pthread_join(ths[i], NULL);
    printf("%ld primes below %d\n", found, LIMIT);
    free(ths);
    return 0;
}
