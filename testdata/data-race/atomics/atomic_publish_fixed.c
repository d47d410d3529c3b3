// expect-no-findings
/*
 * atomic_publish_fixed.c - atomic_publish_racy.c done right: each object
 * is fully built before a release store (or a sequentially consistent
 * exchange) publishes it, the reader loads the pointer with acquire, and
 * neither side writes the object afterwards.
 *
 * TRUTH: no race: the release store (exchange) synchronises with the
 * acquire load that reads it, so the writes before it happen before the
 * reader's reads through the pointer.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct config { int gen; };
struct stats { long hits; };

static struct config *_Atomic cfg;
static struct stats *_Atomic stats;

static void *writer(void *arg)
{
    struct config *c = malloc(sizeof *c);
    struct stats *s = malloc(sizeof *s);
    if (!c || !s) abort();
    c->gen = 1;
    atomic_store_explicit(&cfg, c, memory_order_release);
    s->hits = 0;
    struct stats *old = atomic_exchange(&stats, s);
    (void)old;
    return arg;
}

static void *reader(void *arg)
{
    struct config *c;
    struct stats *s;
    while (!(c = atomic_load_explicit(&cfg, memory_order_acquire)))
        ;
    while (!(s = atomic_load(&stats)))
        ;
    return (void *)(long)(c->gen + s->hits + (arg != 0));
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
    return 0;
}
