// expect-no-findings
/*
 * embed_cast_fixed.c - embed_cast_racy.c with the request's lock: the
 * worker casts the `struct base *` it received up to the request and
 * stores its result under req's lock, main clears it under the same lock,
 * named through the request itself. The reference count is kept through
 * the other cast, down from the request to its first member: main
 * decrements ((struct base *)&req)->refs and the worker increments b->refs,
 * both under the lock.
 *
 * Both casts must land on the fields of req and its lock: a write named
 * req.base.result and a lock named req.base.lock would hide the race the
 * lock prevents, a cast landing on the field but not on the lock would
 * report a race that is not there.
 */
#include <pthread.h>

struct base {
    int type;
    unsigned refs;
};

struct request {
    struct base base;
    pthread_mutex_t lock;
    long result;
};

static struct request req = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void *worker(void *arg)
{
    struct base *b = arg;
    struct request *r = (struct request *)b;

    pthread_mutex_lock(&r->lock);
    r->result = 42;
    b->refs++;
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

int main(void)
{
    pthread_t t;

    req.base.type = 1;
    pthread_create(&t, NULL, worker, &req.base);
    pthread_mutex_lock(&req.lock);
    req.result = 0;
    ((struct base *)&req)->refs--;
    pthread_mutex_unlock(&req.lock);
    pthread_join(t, NULL);
    return (int)req.result;
}
