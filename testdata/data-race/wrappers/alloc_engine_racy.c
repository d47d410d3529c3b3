/*
 * alloc_engine_racy.c - a constructor that is no allocator (memcached's
 * extstore_init): engine_new() returns `void *` and allocates its engine,
 * but starts a thread on a part of it (`&e->io`) before returning it. The
 * thread reaches the engine the constructor made; so does the caller.
 * Taken for an allocator, the caller's engine would be an object of its
 * own, apart from the one the thread reaches, and their race would be
 * missed.
 *
 * TRUTH: one race, pending: main writes it through the returned pointer,
 * the io thread through its part's back pointer, with no lock.
 */
#include <pthread.h>
#include <stdlib.h>

struct engine;

struct io {
    struct engine *e;
};

struct engine {
    long pending;
    struct io io;
    pthread_t thread;
};

static void *io_thread(void *arg)
{
    struct io *me = arg;
    me->e->pending = 0; // expect: data-race 'pending'
    return NULL;
}

static void *engine_new(void)
{
    struct engine *e = calloc(1, sizeof *e);
    if (e == NULL)
        return NULL;
    e->io.e = e;
    pthread_create(&e->thread, NULL, io_thread, &e->io);
    return e;
}

int main(void)
{
    struct engine *e = engine_new();
    if (e == NULL)
        return 1;
    e->pending = 5;
    pthread_join(e->thread, NULL);
    return 0;
}
