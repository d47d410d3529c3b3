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

/* Number of online processors (at least 1). */
size_t pool_default_workers(void);

#endif
