/*
 * spawn_failure_racy.c - frees of the handed-over object on the wrong
 * branch, or after a create in a loop:
 *   - `if (pthread_create(..) == 0) free(c);`: freed on success, while the
 *     handler reads it;
 *   - a loop that starts a handler per round on one shared record and
 *     frees it when a later create fails: the earlier rounds' handlers may
 *     still read it.
 *
 * TRUTH: races on *c (the creator's free against the handler's read) and
 * on *shared (the free after a failed round against earlier handlers).
 */
#include <pthread.h>
#include <stdlib.h>

struct conn { int fd; };

static void *handler(void *arg)
{
    struct conn *c = arg;
    return (void *)(long)c->fd;
}

static void *reader(void *arg)
{
    struct conn *c = arg;
    return (void *)(long)c->fd;
}

static void spawn(int fd)
{
    pthread_t t;
    struct conn *c = malloc(sizeof *c);
    if (!c)
        return;
    c->fd = fd;
    if (pthread_create(&t, NULL, handler, c) == 0)
        free(c); // expect: data-race 'c->fd'
}

static void spawn_rounds(void)
{
    struct conn *shared = malloc(sizeof *shared);
    if (!shared)
        return;
    shared->fd = 7;
    for (int i = 0; i < 4; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, reader, shared) != 0) {
            free(shared); // expect: data-race 'shared->fd'
            return;
        }
        pthread_detach(t);
    }
}

int main(void)
{
    spawn(3);
    spawn_rounds();
    pthread_exit(NULL);
}
