/*
 * alloc_pool_racy.c - what an allocator recognised by its shape must not
 * hide.
 * - A free list (`o = c->head; c->head = o->next`, else malloc) is an
 *   allocator: each call site of cache_get names its own object. But the
 *   allocator's own state is shared: both workers pop the one free list
 *   with no lock.
 * - A lookup that inserts (`v = t->slot; if (!v) t->slot = v = malloc()`)
 *   returns the same object to every caller: it is not an allocator, and
 *   both workers count in the one record it keeps.
 *
 * TRUTH: four races: the head of the free list (read and written by both
 *   workers), the table's slot, the record's count, and (known miss) o->n:
 *   the racy pops may hand both workers one object; as allocator results
 *   the two call sites are two objects (docs/precision.md, "Heap objects"),
 *   and the race on the list head is what is reported.
 */
#include <pthread.h>
#include <stdlib.h>

struct obj {
    struct obj *next;
    long n;
};

struct cache {
    struct obj *head;
};

static void *cache_get(struct cache *c)
{
    struct obj *o = c->head;
    if (o) {
        c->head = o->next; // expect: data-race 'c->head'
        return o;
    }
    return malloc(sizeof(struct obj));
}

struct table {
    void *slot;
};

static void *table_get(struct table *t)
{
    void *v = t->slot;
    if (!v) {
        v = malloc(sizeof(struct obj));
        t->slot = v; // expect: data-race 't->slot'
    }
    return v;
}

static struct cache cache;
static struct table table;

static void *wa(void *arg)
{
    struct obj *o = cache_get(&cache);
    if (o)
        o->n = 1; // known-miss: data-race 'o->n'
    struct obj *r = table_get(&table);
    r->n++; // expect: data-race 'r->n'
    return arg;
}

static void *wb(void *arg)
{
    struct obj *o = cache_get(&cache);
    if (o)
        o->n = 2;
    struct obj *r = table_get(&table);
    r->n++;
    return arg;
}

int main(void)
{
    static struct obj spare[2];
    spare[0].next = &spare[1];
    cache.head = &spare[0];
    pthread_t a, b;
    pthread_create(&a, 0, wa, 0);
    pthread_create(&b, 0, wb, 0);
    pthread_join(a, 0);
    pthread_join(b, 0);
    return 0;
}
