// expect-no-findings
/*
 * dl_helper_fixed.c - dl_helper_racy.c fixed: the helper has a _locked
 * variant for callers already holding the lock; and a helper that returns
 * with the lock held (every path) followed by the caller's unlock.
 */
#include <pthread.h>
#include <stdlib.h>

struct stats {
    pthread_mutex_t lock;
    long hits, misses;
};

static void stats_hit_locked(struct stats *s) { s->hits++; }

static void stats_hit(struct stats *s) {
    pthread_mutex_lock(&s->lock);
    stats_hit_locked(s);
    pthread_mutex_unlock(&s->lock);
}

static void stats_lock(struct stats *s) { pthread_mutex_lock(&s->lock); }

static void *worker(void *arg) {
    struct stats *st = arg;
    pthread_mutex_lock(&st->lock);
    st->misses++;
    stats_hit_locked(st);
    pthread_mutex_unlock(&st->lock);
    stats_hit(st);
    stats_lock(st);
    st->misses++;
    pthread_mutex_unlock(&st->lock);
    return NULL;
}

int main(void) {
    struct stats *s = calloc(1, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, s);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    free(s);
    return 0;
}
