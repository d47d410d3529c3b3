/*
 * embed_cast_racy.c - struct embedding, the way GObject, CPython and libuv
 * build types: struct request begins with a struct base, a worker receives
 * a `struct base *` and casts it back to the request it is the first member
 * of. The worker stores its result through the cast while main, after
 * starting it, clears the same field through the request itself: both
 * write req.result with no lock.
 *
 * The cast to the enclosing struct goes up out of its first member; before
 * it was modelled the worker's write named req.base.result, a location
 * nobody else touches, and the race was missed.
 */
#include <pthread.h>

struct base {
    int type;
    unsigned refs;
};

struct request {
    struct base base;
    long result;
};

static struct request req;

static void *worker(void *arg)
{
    struct base *b = arg;
    struct request *r = (struct request *)b;

    r->result = 42; // expect: data-race 'result'
    return NULL;
}

int main(void)
{
    pthread_t t;

    req.base.type = 1;
    pthread_create(&t, NULL, worker, &req.base);
    req.result = 0;
    pthread_join(t, NULL);
    return (int)req.result;
}
