// expect-no-findings
/*
 * own_move_request_fixed.c - main allocates a request, fills it in and moves
 * it to one thread with pthread_create; after the create main only joins. The
 * thread computes a checksum into the request, prints it and frees it.
 *
 * TRUTH: no race. Every access of main to the request precedes the create
 * (happens-before the thread's start), and the request is never touched by
 * main again: ownership moved to serve.
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
    req->attempts++;
    printf("%s: %ld (attempt %d)\n", req->name, req->checksum, req->attempts);
    free(req);
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
    pthread_join(t, NULL);
    return 0;
}
