/*
 * lo_cache_racy.c - a cache, its LRU list and its logger: request handlers
 * take cache -> lru, the evictor lru -> cache (a two-lock cycle), and a
 * three-lock cycle cache -> log (handler logs a miss), log -> conn (the
 * logger flushes to a connection), conn -> cache (a connection closes and
 * drops its cached entries) - which holds a two-lock cycle as well: the
 * handler holds cache_mu while log_miss takes conn_mu. The acquisitions in
 * log_miss made with cache_mu held by its caller are reported at the call.
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
    pthread_mutex_lock(&conn_mu); // expect: lock-order 'conn_mu'
    conns += 0;
    pthread_mutex_unlock(&conn_mu);
    pthread_mutex_unlock(&log_mu);
}

static void *handler(void *arg) {
    (void)arg;
    pthread_mutex_lock(&cache_mu);
    items++;
    pthread_mutex_lock(&lru_mu); // expect: lock-order 'lru_mu'
    lru_len++;
    pthread_mutex_unlock(&lru_mu);
    log_miss(); // expect: lock-order 'log_mu'; lock-order 'conn_mu'
    pthread_mutex_unlock(&cache_mu);
    return NULL;
}

static void *evictor(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lru_mu);
    lru_len--;
    pthread_mutex_lock(&cache_mu); // expect: lock-order 'cache_mu'
    items--;
    pthread_mutex_unlock(&cache_mu);
    pthread_mutex_unlock(&lru_mu);
    return NULL;
}

static void *closer(void *arg) {
    (void)arg;
    pthread_mutex_lock(&conn_mu);
    conns--;
    pthread_mutex_lock(&cache_mu); // expect: lock-order 'cache_mu'
    items = 0;
    pthread_mutex_unlock(&cache_mu);
    pthread_mutex_unlock(&conn_mu);
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
