/*
 * pool.c - the worker pool. Each worker takes the next job from the queue
 * under pool->lock (waiting on has_work while it is empty), runs it outside
 * the lock, and counts it. Two of the demo's races live here: pool->hits is
 * incremented after the unlock by every worker, and the loop condition
 * `!pool->shutdown` reads the flag without the lock while pool_stop (called
 * by main) writes it. Everything else the workers share is accessed with
 * pool->lock held.
 */
#include <stdlib.h>

#include "pool.h"

static void *worker_main(void *arg)
{
    struct pool *pool = arg;

    while (!pool->shutdown) {
        struct job *job;
        job_fn fn;
        void *job_arg;

        pthread_mutex_lock(&pool->lock);
        while (pool->head == NULL && !pool->shutdown)
            pthread_cond_wait(&pool->has_work, &pool->lock);
        job = pool->head;
        if (job == NULL) { /* shutting down and nothing left */
            pthread_mutex_unlock(&pool->lock);
            break;
        }
        pool->head = job->next;
        if (pool->head == NULL)
            pool->tail = NULL;
        if (--pool->pending == 0)
            pthread_cond_signal(&pool->drained);
        fn = job->fn;
        job_arg = job->arg;
        free(job);
        pthread_mutex_unlock(&pool->lock);

        fn(job_arg);
        pool->hits++; // expect: data-race 'hits'
    }
    return NULL;
}

int pool_start(struct pool *pool, int nthreads)
{
    int i;

    if (nthreads < 1 || nthreads > POOL_MAX_THREADS)
        return -1;
    pthread_mutex_init(&pool->lock, NULL);
    pthread_cond_init(&pool->has_work, NULL);
    pthread_cond_init(&pool->drained, NULL);
    pool->head = pool->tail = NULL;
    pool->pending = 0;
    pool->shutdown = 0;
    pool->hits = 0;
    pool->nthreads = nthreads;
    for (i = 0; i < pool->nthreads; i++)
        pthread_create(&pool->threads[i], NULL, worker_main, pool);
    return 0;
}

int pool_submit(struct pool *pool, job_fn fn, void *arg)
{
    struct job *job = malloc(sizeof *job);

    if (job == NULL)
        return -1;
    pthread_mutex_lock(&pool->lock);
    job->fn = fn;
    job->arg = arg;
    job->next = NULL;
    if (pool->tail != NULL)
        pool->tail->next = job;
    else
        pool->head = job;
    pool->tail = job;
    pool->pending++;
    pthread_cond_signal(&pool->has_work);
    pthread_mutex_unlock(&pool->lock);
    return 0;
}

void pool_stop(struct pool *pool)
{
    int i;

    pthread_mutex_lock(&pool->lock);
    while (pool->pending > 0)
        pthread_cond_wait(&pool->drained, &pool->lock);
    pool->shutdown = 1; // expect: data-race 'shutdown'
    pthread_cond_broadcast(&pool->has_work);
    pthread_mutex_unlock(&pool->lock);
    for (i = 0; i < pool->nthreads; i++)
        pthread_join(pool->threads[i], NULL);
    pthread_cond_destroy(&pool->drained);
    pthread_cond_destroy(&pool->has_work);
    pthread_mutex_destroy(&pool->lock);
}
