// expect-no-findings
/*
 * ngx_queue_fixed.c - ngx_queue_racy.c with the checker holding the peers'
 * mutex while it counts a failure: main and the checker write peer->fails
 * under one lock. The checker also reads peer->weight without the lock,
 * which only main wrote, before it started the checker.
 *
 * ngx_queue_data must give back the peer's own fields: a peer taken as
 * one location would make the unlocked read of weight race with the locked
 * writes of fails.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

typedef unsigned char u_char;
typedef struct ngx_queue_s ngx_queue_t;
struct ngx_queue_s {
    ngx_queue_t *prev;
    ngx_queue_t *next;
};

#define ngx_queue_init(q) (q)->prev = q; (q)->next = q
#define ngx_queue_insert_tail(h, x) \
    (x)->prev = (h)->prev;          \
    (x)->prev->next = x;            \
    (x)->next = h;                  \
    (h)->prev = x
#define ngx_queue_head(h) (h)->next
#define ngx_queue_sentinel(h) (h)
#define ngx_queue_next(q) (q)->next
#define ngx_queue_data(q, type, link) (type *) ((u_char *) q - offsetof(type, link))

struct peer {
    int weight;
    ngx_queue_t queue;
    unsigned fails;
};

static ngx_queue_t peers;
static pthread_mutex_t peers_mutex = PTHREAD_MUTEX_INITIALIZER;

static void *health_check(void *arg)
{
    ngx_queue_t *q;

    (void)arg;
    for (q = ngx_queue_head(&peers); q != ngx_queue_sentinel(&peers); q = ngx_queue_next(q)) {
        struct peer *peer = ngx_queue_data(q, struct peer, queue);
        if (peer->weight == 0) {
            pthread_mutex_lock(&peers_mutex);
            peer->fails++;
            pthread_mutex_unlock(&peers_mutex);
        }
    }
    return NULL;
}

int main(void)
{
    pthread_t t;
    struct peer *peer = NULL;

    ngx_queue_init(&peers);
    for (int i = 0; i < 3; i++) {
        peer = calloc(1, sizeof *peer);
        if (!peer)
            return 1;
        peer->weight = i;
        ngx_queue_insert_tail(&peers, &peer->queue);
    }
    pthread_create(&t, NULL, health_check, NULL);
    pthread_mutex_lock(&peers_mutex);
    peer->fails = 0;
    pthread_mutex_unlock(&peers_mutex);
    pthread_join(t, NULL);
    return 0;
}
