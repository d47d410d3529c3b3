/*
 * pool.h - a fixed pool of worker threads running one job function over the
 * indices 0..count-1. Each worker gets its own index (0..workers-1) so it can
 * keep per-worker state (the front end keeps one CXIndex per worker).
 */
#ifndef RACECHECK_POOL_H
#define RACECHECK_POOL_H

#include <stddef.h>

/* Called once per item, from some worker. */
typedef void (*PoolJob)(void *ctx, size_t worker, size_t item);
/* Called once per worker before/after its items (may be NULL). */
typedef void (*PoolWorkerHook)(void *ctx, size_t worker);

/* Runs job(ctx, w, i) for every i < count on min(workers, count) threads,
 * items taken in increasing order; returns when all are done. workers == 0
 * means the number of online processors. */
void pool_run(size_t workers, size_t count, void *ctx, PoolWorkerHook start, PoolJob job,
              PoolWorkerHook finish);

/* pool_run with every worker on a thread of its own whose stack is at least
 * stack_bytes (0: the system's default), even when there is one worker, so
 * deep recursion in a job (a parser on deeply nested input) has room. When
 * such a thread cannot be created the job runs on the calling thread. */
void pool_run_stack(size_t workers, size_t count, size_t stack_bytes, void *ctx, PoolWorkerHook start,
                    PoolJob job, PoolWorkerHook finish);

/* Number of online processors (at least 1). */
size_t pool_default_workers(void);

#endif
