// expect-no-findings
/*
 * fnptr_return_type_fixed.c - callbacks of different types kept in one
 * generic table (`void *` slots; array elements are one location to
 * points-to, so each slot "holds" both functions). The worker calls its
 * slot as `long (*)(struct conn *, struct msg *, int)`; main calls the other
 * as `void (*)(void *, struct io *, int)`. Both have three parameters, so the
 * arity does not tell them apart; the return type does: a call through a
 * pointer of one return type does not reach a function of another
 * (memcached's conn->sendmsg slot and its storage callbacks). Without that,
 * the worker would run on_io() and race with main on `loads`.
 */
#include <pthread.h>
#include <stdio.h>

struct conn { int fd; };
struct msg { int len; };
struct io { int done; };

struct slot { void *fn; };

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static struct slot slots[2];
static long sent;
static int loads;

static long do_send(struct conn *c, struct msg *g, int flags)
{
    pthread_mutex_lock(&m);
    sent += g->len + c->fd + flags;
    pthread_mutex_unlock(&m);
    return g->len;
}

static void on_io(void *arg, struct io *io, int flags)
{
    (void)arg;
    io->done = flags;
    loads++;
}

static void *worker(void *arg)
{
    struct conn c = {1};
    struct msg g = {2};
    long (*send_fn)(struct conn *, struct msg *, int) = (long (*)(struct conn *, struct msg *, int))slots[0].fn;

    (void)arg;
    send_fn(&c, &g, 0);
    return NULL;
}

int main(void)
{
    pthread_t t;
    struct io io = {0};
    void (*io_fn)(void *, struct io *, int);

    slots[0].fn = (void *)do_send;
    slots[1].fn = (void *)on_io;
    pthread_create(&t, NULL, worker, NULL);
    io_fn = (void (*)(void *, struct io *, int))slots[1].fn;
    io_fn(NULL, &io, 1);
    loads++;
    pthread_join(t, NULL);
    printf("%ld %d\n", sent, loads);
    return 0;
}
