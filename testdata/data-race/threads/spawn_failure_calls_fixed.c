// expect-no-findings
/*
 * spawn_failure_calls_fixed.c - a server's accept loop calls accept_one()
 * per connection; accept_one() allocates the connection's record, fills
 * it in, starts a detached handler with it, and frees it only when the
 * create failed. Each call allocates its own record and hands it to the
 * one thread it starts: the earlier calls' handlers, still running, read
 * their own records, not the one this call fills in or frees.
 * The status is tested directly, or kept in a local first.
 *
 * TRUTH: no race: a record is written by its creator before the create,
 * or after a failed one (no thread has it), and read by its own handler.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct conn_info {
    int fd;
    char peer[32];
};

static void *conn_handler(void *arg)
{
    struct conn_info *ci = arg;
    printf("fd %d from %s\n", ci->fd, ci->peer);
    free(ci);
    return NULL;
}

static int accept_one(int fd)
{
    struct conn_info *ci = malloc(sizeof *ci);
    pthread_t t;
    if (!ci)
        return -1;
    ci->fd = fd;
    snprintf(ci->peer, sizeof ci->peer, "10.0.0.%d", fd);
    if (pthread_create(&t, NULL, conn_handler, ci) != 0) {
        ci->fd = -1;
        free(ci);
        return -1;
    }
    pthread_detach(t);
    return 0;
}

static int accept_kept(int fd)
{
    struct conn_info *ci = calloc(1, sizeof *ci);
    pthread_t t;
    if (!ci)
        return -1;
    ci->fd = fd;
    int rc = pthread_create(&t, NULL, conn_handler, ci);
    if (rc != 0) {
        free(ci);
        return -1;
    }
    pthread_detach(t);
    return 0;
}

int main(void)
{
    for (int fd = 3; fd < 6; fd++)
        accept_one(fd);
    for (int fd = 6; fd < 9; fd++)
        accept_kept(fd);
    pthread_exit(NULL);
}
