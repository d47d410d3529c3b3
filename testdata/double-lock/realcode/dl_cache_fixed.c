// expect-no-findings
/*
 * dl_cache_fixed.c - dl_cache_racy.c fixed: the eviction logs the size read
 * under the lock it already holds. A worker pool whose queue lock is taken
 * by a helper returning locked and released by the caller stays quiet.
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

static void log_evict(const char *key, int size) {
    fprintf(stderr, "evict %s (size %d)\n", key, size);
}

static void cache_put(struct cache *c, const char *key) {
    pthread_mutex_lock(&c->mu);
    if (c->used == SLOTS) {
        log_evict(c->keys[0], c->used);
        free(c->keys[0]);
        memmove(c->keys, c->keys + 1, (SLOTS - 1) * sizeof c->keys[0]);
        c->used--;
    }
    c->keys[c->used++] = strdup(key);
    pthread_mutex_unlock(&c->mu);
}

static void cache_lock(struct cache *c) { pthread_mutex_lock(&c->mu); }
static void cache_unlock(struct cache *c) { pthread_mutex_unlock(&c->mu); }

static void *handle_request(void *arg) {
    cache_put(cache, arg);
    cache_lock(cache);
    int n = cache->used;
    cache_unlock(cache);
    cache_lock(cache);
    n += cache->used;
    cache_unlock(cache);
    return (void *)(long)n;
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
