/*
 * av_limits_racy.c - the rule's known limits, kept visible.
 *
 * Known miss: the value read is kept in memory (a field of the request)
 * and loaded again for the write-back; the def-use chain the rule follows
 * runs through locals and temporaries only.
 *
 * Known false alarm: transfer() reads one account and writes another, each
 * under its own lock; both accounts come from one allocation site, which
 * the model names as one location (and its lock as one lock), so the read
 * of `from` and the write of `to` look like a read and write-back of one
 * balance in two regions of one lock.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct req {
    long seen;
};

struct account {
    pthread_mutex_t lock;
    long balance;
};

static atomic_long counter;
static struct account *accounts[2];

static void *bump(void *arg) {
    struct req *r = arg;
    r->seen = atomic_load(&counter); // known-miss: atomicity-violation 'counter'
    atomic_store(&counter, r->seen + 1);
    return NULL;
}

static void *transfer(void *arg) {
    long dir = (long)arg;
    struct account *from = accounts[dir], *to = accounts[1 - dir];
    pthread_mutex_lock(&from->lock);
    long amount = from->balance / 2; // known-false-alarm: atomicity-violation 'balance'
    from->balance -= amount;
    pthread_mutex_unlock(&from->lock);
    pthread_mutex_lock(&to->lock);
    to->balance = to->balance + amount;
    pthread_mutex_unlock(&to->lock);
    return NULL;
}

int main(void) {
    for (int i = 0; i < 2; i++) {
        accounts[i] = calloc(1, sizeof(struct account));
        if (!accounts[i]) return 1;
        pthread_mutex_init(&accounts[i]->lock, NULL);
        accounts[i]->balance = 100;
    }
    struct req rq[2];
    pthread_t t[4];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, bump, &rq[i]);
    for (long i = 0; i < 2; i++) pthread_create(&t[2 + i], NULL, transfer, (void *)i);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    return 0;
}
