/*
 * alloc_pool_fixed.c - a region (pool) allocator in the style of nginx's
 * ngx_palloc: small pieces are carved from the current block by moving a
 * bump pointer, a new block comes from posix_memalign and is chained into
 * the pool, large pieces come from malloc and are remembered for release.
 * Its return type is `void *`: each call site of pool_alloc (and of the
 * pool_calloc built on it) names a heap object of its own. Each worker
 * updates the record it was given; the pool itself is only used under its
 * lock.
 *
 * TRUTH: no race: wa touches only *ra, wb only *rb. Were all pieces of the
 * pool one object (the block they are carved from), ra->n and rb->n would
 * be one location written by both threads.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../../include/racecheck_debug.h"

// expect-no-findings

struct large {
    struct large *next;
    void *alloc;
};

struct block {
    char *last, *end;
    struct block *next;
};

struct pool {
    struct block *current;
    struct large *large;
    size_t max;
    pthread_mutex_t lock;
};

static void *pool_block(struct pool *pool, size_t size)
{
    void *m;
    if (posix_memalign(&m, 16, 4096) != 0)
        return NULL;
    struct block *b = m;
    b->end = (char *)m + 4096;
    b->next = NULL;
    char *piece = (char *)m + sizeof(struct block);
    piece = (char *)(((uintptr_t)piece + 15) & ~(uintptr_t)15);
    b->last = piece + size;
    pool->current->next = b;
    pool->current = b;
    return piece;
}

static void *pool_small(struct pool *pool, size_t size)
{
    struct block *b = pool->current;
    do {
        char *m = b->last;
        if ((size_t)(b->end - m) >= size) {
            b->last = m + size;
            return m;
        }
        b = b->next;
    } while (b);
    return pool_block(pool, size);
}

static void *pool_large(struct pool *pool, size_t size)
{
    void *p = malloc(size);
    if (p == NULL)
        return NULL;
    struct large *l = pool_small(pool, sizeof *l);
    if (l == NULL) {
        free(p);
        return NULL;
    }
    l->alloc = p;
    l->next = pool->large;
    pool->large = l;
    return p;
}

static void *pool_alloc(struct pool *pool, size_t size)
{
    if (size <= pool->max)
        return pool_small(pool, size);
    return pool_large(pool, size);
}

static void *pool_calloc(struct pool *pool, size_t size)
{
    void *p = pool_alloc(pool, size);
    if (p)
        memset(p, 0, size);
    return p;
}

struct record {
    long n;
};

static struct pool *pool;
static struct record *ra, *rb;

static void *wa(void *arg)
{
    ra->n++;
    return arg;
}

static void *wb(void *arg)
{
    pthread_mutex_lock(&pool->lock);
    struct record *extra = pool_alloc(pool, sizeof *extra);
    pthread_mutex_unlock(&pool->lock);
    if (extra)
        extra->n = 1;
    rb->n++;
    return arg;
}

int main(void)
{
    void *m;
    if (posix_memalign(&m, 16, 4096) != 0)
        return 1;
    pool = m;
    pool->current = (struct block *)((char *)m + sizeof *pool);
    pool->current->last = (char *)m + 256;
    pool->current->end = (char *)m + 4096;
    pool->current->next = NULL;
    pool->large = NULL;
    pool->max = 1024;
    pthread_mutex_init(&pool->lock, NULL);
    ra = pool_alloc(pool, sizeof *ra);
    rb = pool_calloc(pool, sizeof *rb);
    racecheck_pts(ra); // debug: pts {heap@alloc_pool_fixed.c:138}
    racecheck_pts(rb); // debug: pts {heap@alloc_pool_fixed.c:139}
    if (!ra || !rb)
        return 1;
    ra->n = 0;
    pthread_t a, b;
    pthread_create(&a, 0, wa, 0);
    pthread_create(&b, 0, wb, 0);
    pthread_join(a, 0);
    pthread_join(b, 0);
    return 0;
}
