/*
 * dl_helper_racy.c - a helper that takes the stats lock itself, called
 * with that lock already held (through a parameter, and two calls deep).
 */
#include <pthread.h>
#include <stdlib.h>

struct stats {
    pthread_mutex_t lock;
    long hits, misses;
};

static void stats_hit(struct stats *s) {
    pthread_mutex_lock(&s->lock);
    s->hits++;
    pthread_mutex_unlock(&s->lock);
}

static void record(struct stats *s, int hit) {
    if (hit) stats_hit(s);
}

static void *worker(void *arg) {
    struct stats *st = arg;
    pthread_mutex_lock(&st->lock);
    st->misses++;
    stats_hit(st); // expect: double-lock 'st->lock'
    pthread_mutex_unlock(&st->lock);
    pthread_mutex_lock(&st->lock);
    record(st, 1); // expect: double-lock 'st->lock'
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
