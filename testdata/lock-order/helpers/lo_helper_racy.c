/*
 * lo_helper_racy.c - the inner lock is taken inside helpers: the stats
 * helper locks stats_lock and is called with table_lock held, while the
 * flusher holds stats_lock and calls a helper that locks table_lock.
 */
#include <pthread.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long entries, inserts;

static void stats_count(void) {
    pthread_mutex_lock(&stats_lock);
    inserts++;
    pthread_mutex_unlock(&stats_lock);
}

static long table_size(void) {
    pthread_mutex_lock(&table_lock);
    long n = entries;
    pthread_mutex_unlock(&table_lock);
    return n;
}

static void *inserter(void *arg) {
    (void)arg;
    pthread_mutex_lock(&table_lock);
    entries++;
    stats_count(); // expect: lock-order 'stats_lock'
    pthread_mutex_unlock(&table_lock);
    return NULL;
}

static void *flusher(void *arg) {
    (void)arg;
    pthread_mutex_lock(&stats_lock);
    inserts += table_size(); // expect: lock-order 'table_lock'
    pthread_mutex_unlock(&stats_lock);
    return NULL;
}

int main(void) {
    pthread_t t1, t2;
    pthread_create(&t1, NULL, inserter, NULL);
    pthread_create(&t2, NULL, flusher, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
