/*
 * pool.h - a fixed-size worker pool. pool_start spawns the workers,
 * pool_submit queues a job, pool_stop waits for the queue to drain, tells
 * the workers to finish and joins them.
 */
#ifndef DEMO_POOL_H
#define DEMO_POOL_H

#include <pthread.h>

#define POOL_MAX_THREADS 16

typedef void (*job_fn)(void *arg);

struct job {
    job_fn fn;
    void *arg;
    struct job *next;
};

struct pool {
    pthread_mutex_t lock;     /* guards the queue, pending and shutdown */
    pthread_cond_t has_work;  /* signalled when a job is queued or on shutdown */
    pthread_cond_t drained;   /* signalled when pending drops to zero */
    struct job *head, *tail;
    int pending;              /* jobs queued but not yet taken */
    int shutdown;             /* set by pool_stop */
    long hits;                /* jobs run so far */
    int nthreads;
    pthread_t threads[POOL_MAX_THREADS];
};

/* Starts nthreads workers; -1 when nthreads is out of range. */
int pool_start(struct pool *pool, int nthreads);
/* Queues fn(arg) for a worker; -1 when out of memory. */
int pool_submit(struct pool *pool, job_fn fn, void *arg);
/* Waits until every queued job was taken, stops the workers, joins them. */
void pool_stop(struct pool *pool);

#endif
