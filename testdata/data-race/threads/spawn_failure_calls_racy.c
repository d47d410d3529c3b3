/*
 * spawn_failure_calls_racy.c - spawn_failure_calls_fixed.c's accept loop,
 * with two mistakes: accept_one() marks the record closed after a
 * *successful* create (the handler it started may be reading it), and
 * accept_shared() hands every handler it starts in its loop one record
 * it allocated before the loop, rewriting it for the next handler while
 * the earlier ones read it.
 *
 * TRUTH: races on ci->fd: the write after the successful create against
 * that handler's read; the shared record's rewrite against the running
 * handlers' reads.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct conn_info {
    int fd;
};

static void *conn_handler(void *arg)
{
    struct conn_info *ci = arg;
    printf("fd %d\n", ci->fd);
    return NULL;
}

static void *shared_handler(void *arg)
{
    struct conn_info *ci = arg;
    printf("fd %d\n", ci->fd);
    return NULL;
}

static int accept_one(int fd)
{
    struct conn_info *ci = malloc(sizeof *ci);
    pthread_t t;
    if (!ci)
        return -1;
    ci->fd = fd;
    if (pthread_create(&t, NULL, conn_handler, ci) != 0) {
        free(ci);
        return -1;
    }
    pthread_detach(t);
    ci->fd = -1; // expect: data-race 'ci->fd'
    return 0;
}

static void accept_shared(int first)
{
    struct conn_info *ci = malloc(sizeof *ci);
    if (!ci)
        return;
    for (int fd = first; fd < first + 3; fd++) {
        pthread_t t;
        ci->fd = fd; // expect: data-race 'ci->fd'
        if (pthread_create(&t, NULL, shared_handler, ci) != 0)
            break;
        pthread_detach(t);
    }
}

int main(void)
{
    for (int fd = 3; fd < 6; fd++)
        accept_one(fd);
    accept_shared(6);
    pthread_exit(NULL);
}
