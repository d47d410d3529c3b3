/*
 * lock_stripes_chain_racy.c - the striped table of
 * lock_stripes_chain_fixed.c, but hit() takes the lock of the wrong stripe
 * (`locks[(h + 1) % NSTRIPE]`) while it walks `buckets[h]`, and a stats
 * pass walks a chain holding no lock at all.
 *
 * TRUTH: races on the nodes' `hits`, and on the chain heads and links the
 * stats pass reads while add() and drop() write them.
 */
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
    buckets[h] = s; // expect: data-race 'buckets'
    pthread_mutex_unlock(&locks[h]);
}

static void hit(int key) {
    unsigned h = (unsigned)key % NSTRIPE, w = (h + 1) % NSTRIPE;
    pthread_mutex_lock(&locks[w]);
    for (struct session *s = buckets[h]; s; s = s->next)
        if (s->key == key) s->hits++; // expect: data-race 'hits'
    pthread_mutex_unlock(&locks[w]);
}

static long stats(unsigned h) {
    long sum = 0;
    for (struct session *s = buckets[h]; s; s = s->next) sum += s->hits;
    return sum;
}

static void drop(int key) {
    unsigned h = (unsigned)key % NSTRIPE;
    struct session **pp, *dead = NULL;
    pthread_mutex_lock(&locks[h]);
    for (pp = &buckets[h]; *pp; pp = &(*pp)->next)
        if ((*pp)->key == key) {
            dead = *pp;
            *pp = dead->next; // expect: data-race '*pp'
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
        if (i % 10 == 0) stats((unsigned)i % NSTRIPE);
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
