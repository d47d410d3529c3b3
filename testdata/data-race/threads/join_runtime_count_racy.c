/*
 * join_runtime_count_racy.c - as join_runtime_count_fixed.c (a malloc'd handle
 * array of a command-line size, a create loop, a join loop, workers adding to
 * `found` under a mutex), but main prints a progress line reading `found`
 * between the create loop and the join loop, without the lock.
 *
 * TRUTH: a race on found: main's unlocked read may run in parallel with the
 * workers' locked `+=`. The workers' write is the only write while threads
 * run (primary location). main's read after the join loop is not involved.
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
    found += mine; // expect: data-race 'found'
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
    printf("started %d workers, %ld primes so far\n", nthreads, found); /* BUG */
    for (int i = 0; i < nthreads; i++)
        pthread_join(ths[i], NULL);
    printf("%ld primes below %d\n", found, LIMIT);
    free(ths);
    return 0;
}
