/*
 * pool_phases_racy.c - the worker pool of pool_phases_fixed.c (a copy of
 * pool_run, pool_run_stack and pool_worker per call site), where phases
 * do overlap or workers share an item:
 * - pool_start starts the workers and returns without joining them (main
 *   joins them at the end): the square phase started through it is still
 *   running when the pairs phase reads in[];
 * - shift writes the neighbour's slot out[item + 1], which the worker that
 *   claimed item + 1 writes too.
 *
 * TRUTH: races on in[] (square against pairs) and out[] (shift).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define N 16
#define W 4

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

static Shared started_sh;
static Arg started_args[W];
static pthread_t started_tids[W];

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

static void pool_run_stack(size_t count, void *ctx, Job job)
{
    Shared sh = {ctx, count, 0, job};
    pthread_t tids[W];
    Arg args[W];
    for (size_t w = 0; w < W; w++) {
        args[w] = (Arg){&sh, w};
        pthread_create(&tids[w], NULL, pool_worker, &args[w]);
    }
    for (size_t w = 0; w < W; w++)
        pthread_join(tids[w], NULL);
}

static void pool_run(size_t count, void *ctx, Job job)
{
    pool_run_stack(count, ctx, job);
}

/* starts the workers and returns: the caller joins started_tids later */
static void pool_start(size_t count, void *ctx, Job job)
{
    started_sh.ctx = ctx;
    started_sh.count = count;
    started_sh.job = job;
    for (size_t w = 0; w < W; w++) {
        started_args[w] = (Arg){&started_sh, w};
        pthread_create(&started_tids[w], NULL, pool_worker, &started_args[w]);
    }
}

struct data {
    long in[N + 1], out[N + 1];
};

static void square(void *ctx, size_t worker, size_t item)
{
    struct data *d = ctx;
    (void)worker;
    d->in[item] = (long)(item * item); // expect: data-race 'd->in[item]'
}

static void pairs(void *ctx, size_t worker, size_t item)
{
    struct data *d = ctx;
    (void)worker;
    d->out[item] = d->in[item] + d->in[(item + 1) % N];
}

static void shift(void *ctx, size_t worker, size_t item)
{
    struct data *d = ctx;
    (void)worker;
    d->out[item + 1] = d->out[item]; // expect: data-race 'd->out[?]'
}

int main(void)
{
    static struct data d;
    pool_start(N, &d, square);
    pool_run(N, &d, pairs);
    for (size_t w = 0; w < W; w++)
        pthread_join(started_tids[w], NULL);
    pool_run(N, &d, shift);
    printf("%ld\n", d.out[N]);
    return 0;
}
