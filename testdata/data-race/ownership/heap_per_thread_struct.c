// expect-no-findings
/*
 * heap_per_thread_struct.c - a result record is calloc'd inside the create
 * loop and handed to exactly one thread; each thread picks its slice of a
 * read-only table with an atomic ticket and stores its sum in its own record.
 *
 * TRUTH: no race. Each allocation is owned by one thread until main reads it
 * after the join loop. Every record comes from the same allocation site, so
 * an analyzer that merges the records into one abstract object would see the
 * worker instances writing `r->sum` in parallel; racecheck knows that an
 * object allocated in the create loop's iteration and handed directly to
 * that spawn is one object per thread instance. The table is written only
 * before the first create; next_slice is only accessed atomically.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define N 4
#define CHUNK 1000

struct result {
    long sum;
};

static int table[N * CHUNK];
static atomic_int next_slice;

static void *worker(void *arg)
{
    struct result *r = arg;
    int slice = atomic_fetch_add(&next_slice, 1);
    long sum = 0;

    for (int k = slice * CHUNK; k < (slice + 1) * CHUNK; k++)
        sum += table[k];
    r->sum = sum;
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    struct result *results[N];
    long total = 0;
    int i;

    for (i = 0; i < N * CHUNK; i++)
        table[i] = i % 7;
    for (i = 0; i < N; i++) {
        results[i] = calloc(1, sizeof *results[i]);
        if (!results[i])
            return 1;
        pthread_create(&t[i], NULL, worker, results[i]);
    }
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (i = 0; i < N; i++) {
        total += results[i]->sum;
        free(results[i]);
    }
    printf("total = %ld\n", total);
    return 0;
}
