// expect-no-findings
/*
 * pool_phases_fixed.c - a program's own worker pool in racecheck's own
 * shape: pool_run(workers, count, ctx, job) forwards to pool_run_stack,
 * which stores ctx and job in a struct on its stack, starts `workers`
 * threads of one fixed trampoline (pool_worker) that claim item indices
 * from an atomic counter and call job(ctx, worker, item), and joins them
 * all. main runs two phases through it: square fills in[], then pairs
 * reads two neighbours' in[] and writes its own out[].
 *
 * Each call site of pool_run gets a copy of pool_run, pool_run_stack and
 * pool_worker (spawner clones): the two phases are two threads, each
 * reaching only its own job, joined one after the other, so square's
 * writes come before pairs' reads. Within a phase each item is claimed
 * once (claimed-index).
 *
 * TRUTH: no race.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define N 16

typedef void (*Job)(void *ctx, size_t worker, size_t item);

typedef struct {
    void *ctx;
    size_t count;
    atomic_size_t next;
    Job job;
} Shared;

typedef struct {
    Shared *sh;
    size_t worker;
} Arg;

static void *pool_worker(void *p)
{
    Arg *a = p;
    Shared *sh = a->sh;
    for (;;) {
        size_t i = atomic_fetch_add(&sh->next, 1);
        if (i >= sh->count)
            break;
        sh->job(sh->ctx, a->worker, i);
    }
    return NULL;
}

static void pool_run_stack(size_t workers, size_t count, void *ctx, Job job)
{
    Shared sh = {ctx, count, 0, job};
    pthread_t *tids = malloc(workers * sizeof *tids);
    Arg *args = malloc(workers * sizeof *args);
    size_t started = 0;
    if (!tids || !args)
        workers = 0;
    for (size_t w = 0; w < workers; w++) {
        args[w] = (Arg){&sh, w};
        if (pthread_create(&tids[w], NULL, pool_worker, &args[w]) != 0)
            break;
        started++;
    }
    for (size_t w = 0; w < started; w++)
        pthread_join(tids[w], NULL);
    free(tids);
    free(args);
}

static void pool_run(size_t workers, size_t count, void *ctx, Job job)
{
    pool_run_stack(workers, count, ctx, job);
}

struct data {
    long in[N], out[N];
};

static void square(void *ctx, size_t worker, size_t item)
{
    struct data *d = ctx;
    (void)worker;
    d->in[item] = (long)(item * item);
}

static void pairs(void *ctx, size_t worker, size_t item)
{
    struct data *d = ctx;
    (void)worker;
    d->out[item] = d->in[item] + d->in[(item + 1) % N];
}

int main(void)
{
    static struct data d;
    pool_run(4, N, &d, square);
    pool_run(4, N, &d, pairs);
    printf("%ld\n", d.out[N - 1]);
    return 0;
}
