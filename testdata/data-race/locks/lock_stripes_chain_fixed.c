/*
 * lock_stripes_chain_fixed.c - a hash table of chained sessions with one
 * lock per stripe: `locks[h]` guards the chain `buckets[h]` and every node
 * on it. Threads add (push on the head), update (walk the chain, bump a
 * node's counter) and remove (walk with a pointer to the link, unlink,
 * free outside the lock), each holding the lock of the chain they walk.
 *
 * TRUTH: no data race - a node is reached only through its own chain,
 * under that chain's lock.
 */
// expect-no-findings
#include <pthread.h>
#include <stdlib.h>

#define NSTRIPE 8

struct session {
    int key;
    long hits;
    struct session *next;
};

static struct session *buckets[NSTRIPE];
static pthread_mutex_t locks[NSTRIPE];

static void add(int key) {
    unsigned h = (unsigned)key % NSTRIPE;
    struct session *s = calloc(1, sizeof *s);
    if (!s) return;
    s->key = key;
    pthread_mutex_lock(&locks[h]);
    s->next = buckets[h];
    buckets[h] = s;
    pthread_mutex_unlock(&locks[h]);
}

static void hit(int key) {
    unsigned h = (unsigned)key % NSTRIPE;
    pthread_mutex_lock(&locks[h]);
    for (struct session *s = buckets[h]; s; s = s->next)
        if (s->key == key) s->hits++;
    pthread_mutex_unlock(&locks[h]);
}

static void drop(int key) {
    unsigned h = (unsigned)key % NSTRIPE;
    struct session **pp, *dead = NULL;
    pthread_mutex_lock(&locks[h]);
    for (pp = &buckets[h]; *pp; pp = &(*pp)->next)
        if ((*pp)->key == key) {
            dead = *pp;
            *pp = dead->next;
            break;
        }
    pthread_mutex_unlock(&locks[h]);
    free(dead);
}

static void *worker(void *arg) {
    int base = (int)(long)arg * 100;
    for (int i = 0; i < 100; i++) {
        add(base + i);
        hit(base + i / 2);
        if (i % 3 == 0) drop(base + i / 3);
    }
    return NULL;
}

int main(void) {
    pthread_t t[4];
    for (int i = 0; i < NSTRIPE; i++) pthread_mutex_init(&locks[i], NULL);
    for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    return 0;
}
