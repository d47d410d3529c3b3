// expect-no-findings
/*
 * spawn_failure_fixed.c - the creator frees what it meant to hand over
 * only when the create failed: `if (pthread_create(..) != 0) { free(c);
 * return; }`, the status kept in a local (`int rc = thrd_create(..); if
 * (rc != thrd_success)`), and through a handle that is NULL on failure
 * (a g_thread_new-style wrapper modelled as returning its handle).
 *
 * TRUTH: no race: on the failure path no thread received the object; the
 * thread that did receive one frees its own.
 */
#include <pthread.h>
#include <stdlib.h>
#include <threads.h>

struct conn { int fd; };

static void *handler(void *arg)
{
    struct conn *c = arg;
    int fd = c->fd;
    free(c);
    return (void *)(long)fd;
}

static int c11_handler(void *arg)
{
    struct conn *c = arg;
    int fd = c->fd;
    free(c);
    return fd;
}

static void spawn(int fd)
{
    pthread_t t;
    struct conn *c = malloc(sizeof *c);
    if (!c)
        return;
    c->fd = fd;
    if (pthread_create(&t, NULL, handler, c) != 0) {
        c->fd = -1;
        free(c);
        return;
    }
    pthread_detach(t);
}

static void spawn_c11(int fd)
{
    thrd_t t;
    struct conn *c = malloc(sizeof *c);
    if (!c)
        return;
    c->fd = fd;
    int rc = thrd_create(&t, c11_handler, c);
    if (rc != thrd_success) {
        free(c);
        return;
    }
    thrd_detach(t);
}

int main(void)
{
    spawn(3);
    spawn_c11(4);
    pthread_exit(NULL);
}
