// expect-no-findings
/*
 * lo_helper_fixed.c - lo_helper_racy.c fixed: the flusher reads the table
 * size before it takes stats_lock, so table_lock is never taken inside
 * stats_lock.
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
    stats_count();
    pthread_mutex_unlock(&table_lock);
    return NULL;
}

static void *flusher(void *arg) {
    (void)arg;
    long n = table_size();
    pthread_mutex_lock(&stats_lock);
    inserts += n;
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
