/* pool.c - worker pool over an atomic item counter; see pool.h. */
#include "pool.h"

#include "base.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct {
    void *ctx;
    size_t count;
    atomic_size_t next;
    PoolWorkerHook start, finish;
    PoolJob job;
} PoolShared;

typedef struct {
    PoolShared *sh;
    size_t worker;
} PoolArg;

static void *pool_worker(void *p) {
    PoolArg *a = p;
    PoolShared *sh = a->sh;
    if (sh->start) sh->start(sh->ctx, a->worker);
    for (;;) {
        size_t i = atomic_fetch_add(&sh->next, 1);
        if (i >= sh->count) break;
        sh->job(sh->ctx, a->worker, i);
    }
    if (sh->finish) sh->finish(sh->ctx, a->worker);
    return NULL;
}

size_t pool_default_workers(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

void pool_run(size_t workers, size_t count, void *ctx, PoolWorkerHook start, PoolJob job,
              PoolWorkerHook finish) {
    pool_run_stack(workers, count, 0, ctx, start, job, finish);
}

void pool_run_stack(size_t workers, size_t count, size_t stack_bytes, void *ctx, PoolWorkerHook start,
                    PoolJob job, PoolWorkerHook finish) {
    if (!workers) workers = pool_default_workers();
    if (workers > count) workers = count;
    if (!workers) return;
    PoolShared sh = {ctx, count, 0, start, finish, job};
    if (workers == 1 && !stack_bytes) {
        PoolArg a = {&sh, 0};
        pool_worker(&a);
        return;
    }
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    if (stack_bytes) pthread_attr_setstacksize(&attr, stack_bytes);
    pthread_t *tids = xmalloc(workers * sizeof(pthread_t));
    PoolArg *args = xmalloc(workers * sizeof(PoolArg));
    size_t started = 0;
    for (size_t w = 0; w < workers; w++) {
        args[w] = (PoolArg){&sh, w};
        if (pthread_create(&tids[w], &attr, pool_worker, &args[w]) != 0) break;
        started++;
    }
    pthread_attr_destroy(&attr);
    for (size_t w = 0; w < started; w++) pthread_join(tids[w], NULL);
    /* no thread could be made: the caller does the work, after the (no)
     * joins, so that it is visibly never in parallel with a worker */
    if (started == 0) {
        PoolArg a = {&sh, 0};
        pool_worker(&a);
    }
    free(tids);
    free(args);
}
