// expect-no-findings
/*
 * spawn_inside_lock_fixed.c - the updater thread takes the cache mutex,
 * starts a helper that rebuilds the cache without any lock, joins it and
 * only then unlocks; a reader thread looks at the cache under the same
 * mutex.
 *
 * TRUTH: no race: the helper runs entirely while the updater holds the
 * mutex (created after the lock, joined before the unlock), so it never
 * runs while the reader holds it.
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
        cache[i] = i * i;
    cache_len = 16;
    return NULL;
}

static void *updater(void *arg)
{
    pthread_t helper;

    (void)arg;
    pthread_mutex_lock(&cache_mu);
    pthread_create(&helper, NULL, rebuild, NULL);
    pthread_join(helper, NULL);
    pthread_mutex_unlock(&cache_mu);
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
