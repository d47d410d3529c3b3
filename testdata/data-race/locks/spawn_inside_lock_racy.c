/*
 * spawn_inside_lock_racy.c - as spawn_inside_lock_fixed.c (the updater
 * holds the cache mutex while a helper rebuilds the cache without a lock;
 * a reader reads the cache under the mutex), but the updater unlocks before
 * it joins the helper, and it also touches cache_len itself while the
 * helper runs.
 *
 * TRUTH: races: the helper may still write cache after the updater's
 * unlock, while the reader holds the mutex (primary location: the helper's
 * write of cache); the updater's own write of cache_len under the mutex and
 * the helper's write of cache_len run at the same time (the helper's is
 * first in file order).
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static int cache[16];
static int cache_len;

static void *rebuild(void *arg)
{
    (void)arg;
    for (int i = 0; i < 16; i++)
        cache[i] = i * i; // expect: data-race 'cache'
    cache_len = 16; // expect: data-race 'cache_len'
    return NULL;
}

static void *updater(void *arg)
{
    pthread_t helper;

    (void)arg;
    pthread_mutex_lock(&cache_mu);
    pthread_create(&helper, NULL, rebuild, NULL);
    cache_len = 0;
    pthread_mutex_unlock(&cache_mu); /* BUG: the helper may still run */
    pthread_join(helper, NULL);
    return NULL;
}

static void *reader(void *arg)
{
    int sum = 0;

    (void)arg;
    pthread_mutex_lock(&cache_mu);
    for (int i = 0; i < cache_len; i++)
        sum += cache[i];
    pthread_mutex_unlock(&cache_mu);
    printf("%d\n", sum);
    return NULL;
}

int main(void)
{
    pthread_t u, r;

    pthread_create(&u, NULL, updater, NULL);
    pthread_create(&r, NULL, reader, NULL);
    pthread_join(u, NULL);
    pthread_join(r, NULL);
    return 0;
}
