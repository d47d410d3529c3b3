// expect-no-findings
/*
 * refcount_release_fixed.c - objects shared through an atomic reference
 * count: every holder reads or writes the object and then releases its
 * reference (`atomic_fetch_sub(&o->refs, 1)`, through put() or
 * directly, or `__sync_sub_and_fetch`, `__atomic_sub_fetch`,
 * `__sync_fetch_and_sub`); the holder whose release takes the count to
 * zero frees the object.
 *
 * TRUTH: no race: every holder's accesses come before its release, the
 * releases are read-modify-writes of one counter in one order, and the
 * free comes after the last of them.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct obj {
    atomic_int refs;
    int data;
    long hits;
};

struct msg {
    int refs;
    char text[16];
};

static void put(struct obj *o)
{
    if (atomic_fetch_sub(&o->refs, 1) == 1)
        free(o);
}

static void *reader(void *arg)
{
    struct obj *o = arg;
    volatile int d = o->data;
    (void)d;
    put(o);
    return NULL;
}

static void *writer(void *arg)
{
    struct obj *o = arg;
    atomic_fetch_add(&o->refs, 0); /* an atomic access: no race */
    if (atomic_fetch_sub(&o->refs, 1) == 1) {
        o->hits = 0;
        free(o);
    }
    return NULL;
}

struct buf {
    long refs;
    char data[32];
};

static void *sender(void *arg)
{
    struct buf *b = arg;
    volatile char c = b->data[1];
    (void)c;
    if (__atomic_sub_fetch(&b->refs, 1, __ATOMIC_ACQ_REL) == 0)
        free(b);
    return NULL;
}

static void *logger(void *arg)
{
    struct buf *b = arg;
    volatile char c = b->data[2];
    (void)c;
    if (__sync_fetch_and_sub(&b->refs, 1) == 1)
        free(b);
    return NULL;
}

static void *printer(void *arg)
{
    struct msg *m = arg;
    volatile char c = m->text[0];
    (void)c;
    if (__sync_sub_and_fetch(&m->refs, 1) == 0)
        free(m);
    return NULL;
}

int main(void)
{
    struct obj *o = malloc(sizeof *o);
    o->data = 3;
    o->hits = 0;
    atomic_init(&o->refs, 4);
    pthread_t t[3], q[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, reader, o);
    pthread_create(&t[2], NULL, writer, o);
    put(o);
    struct msg *m = malloc(sizeof *m);
    m->refs = 2;
    m->text[0] = 'x';
    for (int i = 0; i < 2; i++)
        pthread_create(&q[i], NULL, printer, m);
    struct buf *b = malloc(sizeof *b);
    b->refs = 2;
    b->data[1] = b->data[2] = 'y';
    pthread_t u[2];
    pthread_create(&u[0], NULL, sender, b);
    pthread_create(&u[1], NULL, logger, b);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(u[i], NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(q[i], NULL);
    return 0;
}
