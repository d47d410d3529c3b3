// expect-no-findings
/*
 * lo_cache_fixed.c - lo_cache_racy.c fixed: one order cache -> lru -> log ->
 * conn everywhere; the evictor and the closer take the cache lock first.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lru_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t conn_mu = PTHREAD_MUTEX_INITIALIZER;
static long items, lru_len, log_len, conns;

static void log_miss(void) {
    pthread_mutex_lock(&log_mu);
    log_len++;
    pthread_mutex_lock(&conn_mu);
    conns += 0;
    pthread_mutex_unlock(&conn_mu);
    pthread_mutex_unlock(&log_mu);
}

static void *handler(void *arg) {
    (void)arg;
    pthread_mutex_lock(&cache_mu);
    items++;
    pthread_mutex_lock(&lru_mu);
    lru_len++;
    pthread_mutex_unlock(&lru_mu);
    log_miss();
    pthread_mutex_unlock(&cache_mu);
    return NULL;
}

static void *evictor(void *arg) {
    (void)arg;
    pthread_mutex_lock(&cache_mu);
    pthread_mutex_lock(&lru_mu);
    lru_len--;
    items--;
    pthread_mutex_unlock(&lru_mu);
    pthread_mutex_unlock(&cache_mu);
    return NULL;
}

static void *closer(void *arg) {
    (void)arg;
    pthread_mutex_lock(&cache_mu);
    pthread_mutex_lock(&conn_mu);
    conns--;
    items = 0;
    pthread_mutex_unlock(&conn_mu);
    pthread_mutex_unlock(&cache_mu);
    return NULL;
}

int main(void) {
    pthread_t t[4];
    pthread_create(&t[0], NULL, handler, NULL);
    pthread_create(&t[1], NULL, handler, NULL);
    pthread_create(&t[2], NULL, evictor, NULL);
    pthread_create(&t[3], NULL, closer, NULL);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    printf("%ld %ld %ld %ld\n", items, lru_len, log_len, conns);
    return 0;
}
