// expect-no-findings
/*
 * alloc_wrapper_oom_fixed.c - racecheck's own xmalloc (analyzer/base/base.c):
 * an allocation wrapper that calls the program's out-of-memory handler on
 * failure. Each worker grows its own arena with chunks from xmalloc; no
 * chunk is shared. The handler (which prints and aborts) used to keep
 * xmalloc from being recognised as an allocation wrapper, so every chunk of
 * every thread was the one malloc inside it and `c->size` raced (issue 14,
 * item 11: the false alarm on racecheck's own source).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../include/racecheck_debug.h"

static void out_of_memory(size_t size)
{
    fprintf(stderr, "fatal: out of memory allocating %zu bytes\n", size);
    abort();
}

static void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

struct chunk {
    struct chunk *next;
    size_t size, used;
};

struct arena {
    struct chunk *head;
};

static struct chunk *arena_grow(struct arena *a, size_t size)
{
    struct chunk *c = xmalloc(sizeof *c);
    racecheck_pts(c); // debug: pts {heap@alloc_wrapper_oom_fixed.c:42}
    c->size = size;
    c->used = 0;
    c->next = a->head;
    a->head = c;
    return c;
}

static void *worker(void *arg)
{
    struct arena *a = xmalloc(sizeof *a);
    racecheck_pts(a); // debug: pts {heap@alloc_wrapper_oom_fixed.c:53}
    a->head = NULL;
    for (int i = 0; i < 4; i++)
        arena_grow(a, 4096)->used += 16;
    return arg;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
