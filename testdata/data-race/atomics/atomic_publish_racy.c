/*
 * atomic_publish_racy.c - objects handed to a reader through atomic
 * pointers, three ways wrong:
 *   - the config is published with a release store, but the writer keeps
 *     writing it afterwards (`c->gen = 2` after the store);
 *   - the stats block is published with a relaxed store: nothing orders
 *     its initialisation before the reader's loads through the pointer it
 *     got (C11: a relaxed store synchronises with no one);
 *   - the log buffer is built by a helper and published relaxed by its
 *     caller.
 *
 * TRUTH: races on c->gen (main's write after publication against the
 * reader's read), on s->hits (the relaxed publication) and on b->len
 * (the same, through a helper: a known miss - an object a function
 * returns counts as published by the return, whatever its caller does).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct config { int gen; };
struct stats { long hits; };
struct logbuf { int len; };

static struct config *_Atomic cfg;
static struct stats *_Atomic stats;
static struct logbuf *_Atomic logbuf;

static struct logbuf *new_logbuf(void)
{
    struct logbuf *b = malloc(sizeof *b);
    if (!b) abort();
    b->len = 0; // known-miss: data-race 'b->len'
    return b;
}

static void *writer(void *arg)
{
    struct config *c = malloc(sizeof *c);
    struct stats *s = malloc(sizeof *s);
    if (!c || !s) abort();
    c->gen = 1;
    atomic_store_explicit(&cfg, c, memory_order_release);
    c->gen = 2; // expect: data-race 'c->gen'
    s->hits = 0; // expect: data-race 's->hits'
    atomic_store_explicit(&stats, s, memory_order_relaxed);
    atomic_store_explicit(&logbuf, new_logbuf(), memory_order_relaxed);
    return arg;
}

static void *reader(void *arg)
{
    struct config *c;
    struct stats *s;
    struct logbuf *b;
    while (!(c = atomic_load_explicit(&cfg, memory_order_acquire)))
        ;
    while (!(s = atomic_load_explicit(&stats, memory_order_relaxed)))
        ;
    while (!(b = atomic_load_explicit(&logbuf, memory_order_relaxed)))
        ;
    return (void *)(long)(c->gen + s->hits + b->len + (arg != 0));
}

int main(void)
{
    pthread_t w, r;
    pthread_create(&r, NULL, reader, NULL);
    pthread_create(&w, NULL, writer, NULL);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    free(cfg);
    free(stats);
    free(logbuf);
    return 0;
}
