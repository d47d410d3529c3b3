// expect-no-findings
/*
 * own_init_helper_fixed.c - a fresh object filled in by helpers before it
 * is published. main allocates each request, has req_init() fill it in
 * (req_init() passes it on to req_name(), which writes through it too)
 * and req_stamp() read it, then queues it under the lock; the worker pops
 * it and works on it. The helpers keep no copy of the pointer (their
 * parameter does not escape), so the calls are no publication, and what
 * they do through it comes before the request is queued.
 *
 * TRUTH: no race: every request is written by main before it is queued,
 * and by the worker after it takes it off the queue.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct req {
    int id, len;
    long stamp;
    char name[16];
    struct req *next;
};

static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t more = PTHREAD_COND_INITIALIZER;
static struct req *queue;
static int closed;

static void req_name(struct req *r, int id)
{
    snprintf(r->name, sizeof r->name, "req-%d", id);
    r->len = id % 7;
}

static void req_init(struct req *r, int id)
{
    r->id = id;
    r->stamp = 0;
    r->next = NULL;
    req_name(r, id);
}

static long req_stamp(const struct req *r)
{
    return (long)r->id * 1000 + r->len;
}

static void *worker(void *arg)
{
    for (;;) {
        pthread_mutex_lock(&qlock);
        while (queue == NULL && !closed)
            pthread_cond_wait(&more, &qlock);
        struct req *r = queue;
        if (r == NULL) {
            pthread_mutex_unlock(&qlock);
            break;
        }
        queue = r->next;
        pthread_mutex_unlock(&qlock);
        r->stamp += r->len;
        printf("%s %ld\n", r->name, r->stamp);
        free(r);
    }
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    for (int i = 0; i < 8; i++) {
        struct req *r = malloc(sizeof *r);
        if (r == NULL)
            abort();
        req_init(r, i);
        r->stamp = req_stamp(r);
        pthread_mutex_lock(&qlock);
        r->next = queue;
        queue = r;
        pthread_cond_signal(&more);
        pthread_mutex_unlock(&qlock);
    }
    pthread_mutex_lock(&qlock);
    closed = 1;
    pthread_cond_broadcast(&more);
    pthread_mutex_unlock(&qlock);
    pthread_join(t, NULL);
    return 0;
}
