// expect-no-findings
/*
 * cond_lock_modes_fixed.c - a stop-the-world helper in memcached's shape:
 * pause_threads(mode) takes, by a switch on its mode that falls through,
 * a helper's lock (lru_pause) and then the workers' lock; RESUME releases
 * them the same way. The maintenance thread rebuilds the table between
 * pause_threads(PAUSE_ALL) and pause_threads(RESUME_ALL); the LRU thread
 * reads it under the LRU lock, a worker under the workers' lock.
 *
 * TRUTH: no race: the rebuild holds both locks (the mode is a constant the
 * call passes, so the helper is run with it: the RESUME branch, which
 * releases them, is not taken), and each reader holds one of them.
 */
#include <pthread.h>

enum pause_mode { PAUSE_WORKERS, PAUSE_ALL, RESUME_ALL, RESUME_WORKERS };

static pthread_mutex_t workers_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lru_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t maintenance_lock = PTHREAD_MUTEX_INITIALIZER;
static int table[64];

static void lru_pause(void) { pthread_mutex_lock(&lru_lock); }
static void lru_resume(void) { pthread_mutex_unlock(&lru_lock); }

static void pause_threads(enum pause_mode mode)
{
    switch (mode) {
    case PAUSE_ALL:
        lru_pause();
        /* fall through */
    case PAUSE_WORKERS:
        pthread_mutex_lock(&workers_lock);
        break;
    case RESUME_ALL:
        lru_resume();
        /* fall through */
    case RESUME_WORKERS:
        pthread_mutex_unlock(&workers_lock);
        break;
    }
}

static void *maintenance(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&maintenance_lock);
    pause_threads(PAUSE_ALL);
    for (int i = 0; i < 64; i++) table[i] = i;
    pause_threads(RESUME_ALL);
    pthread_mutex_unlock(&maintenance_lock);
    return NULL;
}

static void *lru(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lru_lock);
    long v = table[3];
    pthread_mutex_unlock(&lru_lock);
    return (void *)v;
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&workers_lock);
    long v = table[5];
    pthread_mutex_unlock(&workers_lock);
    return (void *)v;
}

int main(void)
{
    pthread_t m, l, w;
    pthread_create(&m, NULL, maintenance, NULL);
    pthread_create(&l, NULL, lru, NULL);
    pthread_create(&w, NULL, worker, NULL);
    pthread_join(m, NULL);
    pthread_join(l, NULL);
    pthread_join(w, NULL);
    return 0;
}
