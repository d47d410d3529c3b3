/*
 * own_move_request_racy.c - as own_move_request_fixed.c, but main keeps using
 * the request after handing it to the thread: it bumps req->attempts between
 * the create and the join, while serve reads and increments the same field.
 *
 * TRUTH: a race on the request's `attempts` field: main's write after the
 * create may run in parallel with serve's read-modify-write. serve's
 * increment is the first involved write in the file (primary location).
 * main's writes before the create and its read and free after the join are
 * not involved. `name` and `checksum` are only touched by main before the
 * create and after the join: no race on them.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct request {
    char name[32];
    int attempts;
    long checksum;
};

static void *serve(void *arg)
{
    struct request *req = arg;
    long sum = 0;

    for (size_t k = 0; req->name[k] != '\0'; k++)
        sum = sum * 31 + req->name[k];
    req->checksum = sum;
    req->attempts++; // expect: data-race 'attempts'
    return NULL;
}

int main(void)
{
    pthread_t t;
    struct request *req = malloc(sizeof *req);

    if (!req)
        return 1;
    snprintf(req->name, sizeof req->name, "%s", "alpha");
    req->attempts = 0;
    req->checksum = 0;
    if (pthread_create(&t, NULL, serve, req) != 0)
        return 1;
    req->attempts = 1; /* BUG: the request belongs to serve now */
    pthread_join(t, NULL);
    printf("%s: %ld (attempt %d)\n", req->name, req->checksum, req->attempts);
    free(req);
    return 0;
}
