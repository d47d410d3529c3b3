/*
 * dl_cache_racy.c - a cache shared by request handlers: cache_put evicts
 * under the cache lock and the eviction logs through the logger, which
 * takes the cache lock to read the size (a logger calling back into the
 * structure that called it).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 8
struct cache {
    pthread_mutex_t mu;
    char *keys[SLOTS];
    int used;
};

static struct cache *cache;

static int cache_size(struct cache *c) {
    pthread_mutex_lock(&c->mu);
    int n = c->used;
    pthread_mutex_unlock(&c->mu);
    return n;
}

static void log_evict(struct cache *c, const char *key) {
    fprintf(stderr, "evict %s (size %d)\n", key, cache_size(c));
}

static void cache_put(struct cache *c, const char *key) {
    pthread_mutex_lock(&c->mu);
    if (c->used == SLOTS) {
        log_evict(c, c->keys[0]); // expect: double-lock 'c->mu'
        free(c->keys[0]);
        memmove(c->keys, c->keys + 1, (SLOTS - 1) * sizeof c->keys[0]);
        c->used--;
    }
    c->keys[c->used++] = strdup(key);
    pthread_mutex_unlock(&c->mu);
}

static void *handle_request(void *arg) {
    cache_put(cache, arg);
    return NULL;
}

int main(void) {
    cache = calloc(1, sizeof *cache);
    pthread_mutex_init(&cache->mu, NULL);
    pthread_t t[4];
    static char *reqs[4] = {"a", "b", "c", "d"};
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, handle_request, reqs[i]);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    return 0;
}
