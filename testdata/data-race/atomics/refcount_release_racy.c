/*
 * refcount_release_racy.c - reference counts that do not order the
 * accesses around a free; main holds one reference of each object and
 * frees it when its own release is the last:
 * - a reader reads the object after releasing its reference;
 * - a reader releases with memory_order_relaxed, which orders nothing;
 * - a reader frees when its release was not the last (`!= 1`).
 *
 * TRUTH: races between main's free of a and b and the readers' a->data
 * (read after the release) and b->data (the relaxed release), reported
 * at the free (`*o`, the whole object, listing the fields), and between
 * the wrong free of c and main's c->data (`*c`).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct obj {
    atomic_int refs;
    int data;
};

static void *late(void *arg)
{
    struct obj *a = arg;
    atomic_fetch_sub(&a->refs, 1);
    volatile int d = a->data;
    (void)d;
    return NULL;
}

static void *relaxed(void *arg)
{
    struct obj *b = arg;
    volatile int d = b->data;
    (void)d;
    atomic_fetch_sub_explicit(&b->refs, 1, memory_order_relaxed);
    return NULL;
}

static void *wrong(void *arg)
{
    struct obj *c = arg;
    if (atomic_fetch_sub(&c->refs, 1) != 1)
        free(c); // expect: data-race '*c'
    return NULL;
}

static void put(struct obj *o)
{
    if (atomic_fetch_sub(&o->refs, 1) == 1)
        free(o); // expect: data-race '*o'
}

int main(void)
{
    pthread_t t[3];
    struct obj *a = malloc(sizeof *a), *b = malloc(sizeof *b), *c = malloc(sizeof *c);
    a->data = b->data = c->data = 1;
    atomic_init(&a->refs, 2);
    atomic_init(&b->refs, 2);
    atomic_init(&c->refs, 2);
    pthread_create(&t[0], NULL, late, a);
    pthread_create(&t[1], NULL, relaxed, b);
    pthread_create(&t[2], NULL, wrong, c);
    put(a);
    put(b);
    volatile int d = c->data;
    (void)d;
    put(c);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
