/*
 * av_limits_racy.c - the rule's known limits, kept visible.
 *
 * Known miss: the value read is kept in memory (a field of the request)
 * and loaded again for the write-back; the def-use chain the rule follows
 * runs through locals and temporaries only.
 *
 * Known miss: the write-back is an atomic exchange. It stores a value
 * computed from the stale load as unconditionally as a store does, but the
 * API models call every exchange, fetch-and-op and compare-exchange a
 * read-modify-write, and read-modify-writes are no write-backs.
 *
 * Known false alarm: copy_limit() reads one account's limit and sets
 * another's from it, each under its own lock; both accounts come from one
 * allocation site, which the model names as one location (and their locks
 * as one lock), so the read of `from` and the write of `to` look like a
 * read and write-back of one limit in two regions of one lock.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct req {
    long seen;
};

struct account {
    pthread_mutex_t lock;
    long limit;
};

static atomic_long counter;
static atomic_long generation;
static struct account *accounts[2];

static void *bump(void *arg) {
    struct req *r = arg;
    r->seen = atomic_load(&counter); // known-miss: atomicity-violation 'counter'
    atomic_store(&counter, r->seen + 1);
    long g = atomic_load(&generation); // known-miss: atomicity-violation 'generation'
    atomic_exchange(&generation, g + 1);
    return NULL;
}

static void *copy_limit(void *arg) {
    long dir = (long)arg;
    struct account *from = accounts[dir], *to = accounts[1 - dir];
    pthread_mutex_lock(&from->lock);
    long limit = from->limit; // known-false-alarm: atomicity-violation 'limit'
    pthread_mutex_unlock(&from->lock);
    pthread_mutex_lock(&to->lock);
    to->limit = limit / 2;
    pthread_mutex_unlock(&to->lock);
    return NULL;
}

int main(void) {
    for (int i = 0; i < 2; i++) {
        accounts[i] = calloc(1, sizeof(struct account));
        if (!accounts[i]) return 1;
        pthread_mutex_init(&accounts[i]->lock, NULL);
        accounts[i]->limit = 100;
    }
    struct req rq[2];
    pthread_t t[4];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, bump, &rq[i]);
    for (long i = 0; i < 2; i++) pthread_create(&t[2 + i], NULL, copy_limit, (void *)i);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    return 0;
}
