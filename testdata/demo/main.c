/*
 * main.c - racecheck's demo: requests served by a worker pool (pool.c) that
 * records latencies (stats.c). main submits NJOBS requests (each carries its
 * id by value) and stops the pool, which joins every worker, before reading
 * the counters. The three races are marked where racecheck reports them:
 * pool->hits and pool->shutdown in pool.c, stats.max_latency in stats.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pool.h"
#include "stats.h"

#define NJOBS 200

static struct pool pool;

static long elapsed_us(const struct timespec *from, const struct timespec *to)
{
    return (to->tv_sec - from->tv_sec) * 1000000L + (to->tv_nsec - from->tv_nsec) / 1000;
}

/* A job: pretend to serve request `id` and record how long it took. */
static void handle_request(void *arg)
{
    int id = (int)(intptr_t)arg;
    struct timespec start, end;
    volatile unsigned long checksum = 0; /* simulated work */

    clock_gettime(CLOCK_MONOTONIC, &start);
    for (unsigned long k = 0; k < (unsigned long)(id % 50 + 1) * 1000; k++)
        checksum = checksum * 31 + (k ^ (unsigned long)id);
    clock_gettime(CLOCK_MONOTONIC, &end);
    stats_record(elapsed_us(&start, &end));
}

int main(int argc, char **argv)
{
    int nthreads = argc > 1 ? atoi(argv[1]) : 4;
    int i;

    if (pool_start(&pool, nthreads) != 0) {
        fprintf(stderr, "usage: %s [threads, 1-%d]\n", argv[0], POOL_MAX_THREADS);
        return 2;
    }
    for (i = 0; i < NJOBS; i++) {
        if (pool_submit(&pool, handle_request, (void *)(intptr_t)i) != 0) {
            fprintf(stderr, "out of memory at request %d\n", i);
            break;
        }
    }
    pool_stop(&pool);
    printf("%ld jobs run on %d threads\n", pool.hits, nthreads);
    stats_print();
    return 0;
}
