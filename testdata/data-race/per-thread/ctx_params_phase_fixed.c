// expect-no-findings
/*
 * ctx_params_phase_fixed.c - main resets the shared statistics before it
 * starts the worker, and afterwards resets only its own; the worker
 * counts into the shared ones under their lock.
 *
 * TRUTH: no race: reset(&shared_stats) runs before the worker exists;
 * after pthread_create main's reset() is given &mine, which no other
 * thread touches. One thread, two calling contexts: the parameter of
 * reset() in the context after the spawn holds only what the calls made
 * there pass (&mine), not every value main ever passes.
 */
#include <pthread.h>

struct stats {
    long hits;
    long misses;
};

static struct stats shared_stats;
static struct stats mine;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static void reset(struct stats *s) {
    s->hits = 0;
    s->misses = 0;
}

static void clear_all(struct stats *s) {
    reset(s);
}

static void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&stats_lock);
        if (i % 3) shared_stats.hits++;
        else shared_stats.misses++;
        pthread_mutex_unlock(&stats_lock);
    }
    return NULL;
}

int main(void) {
    pthread_t t;
    clear_all(&shared_stats);
    pthread_create(&t, NULL, worker, NULL);
    for (int i = 0; i < 10; i++) {
        clear_all(&mine);
        mine.hits += i;
    }
    pthread_join(t, NULL);
    return (int)(mine.hits + shared_stats.hits);
}
