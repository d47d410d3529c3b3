/*
 * own_init_helper_racy.c - as own_init_helper_fixed.c, but the helpers do
 * not keep to what comes before publication:
 * - req_track() keeps the pointer in a global registry the auditor thread
 *   reads: its parameter escapes, so the call publishes the request, and
 *   what main writes after it races with the auditor;
 * - req_touch() is called on a fresh request and also, in the same thread,
 *   on one already queued: its accesses are not all before publication.
 *
 * TRUTH: races on r->stamp (main after req_track() against the auditor),
 * on r->len (req_touch() on a queued request against the worker) and on
 * the registry itself (main's store against the auditor's load).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct req {
    int id, len;
    long stamp;
    struct req *next;
};

static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static struct req *queue, *last_tracked;

static void req_track(struct req *r)
{
    last_tracked = r; // expect: data-race 'last_tracked'
}

static void req_touch(struct req *r)
{
    r->len++; // expect: data-race 'r->len'
}

static void *auditor(void *arg)
{
    struct req *r = last_tracked;
    if (r)
        printf("%ld\n", r->stamp);
    return arg;
}

static void *worker(void *arg)
{
    pthread_mutex_lock(&qlock);
    struct req *r = queue;
    if (r)
        queue = r->next;
    pthread_mutex_unlock(&qlock);
    if (r)
        printf("%d\n", r->len);
    return arg;
}

int main(void)
{
    pthread_t a, w;
    pthread_create(&a, NULL, auditor, NULL);
    pthread_create(&w, NULL, worker, NULL);
    struct req *r = calloc(1, sizeof *r);
    if (r == NULL)
        abort();
    req_touch(r);
    req_track(r);
    r->stamp = 7; // expect: data-race 'r->stamp'
    pthread_mutex_lock(&qlock);
    r->next = queue;
    queue = r;
    pthread_mutex_unlock(&qlock);
    req_touch(r);
    pthread_join(a, NULL);
    pthread_join(w, NULL);
    return 0;
}
