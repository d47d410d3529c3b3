/*
 * cond_lock_modes_racy.c - a stop-the-world helper in memcached's shape:
 * pause_threads(mode) takes, by a switch on its mode that falls through,
 * a helper's lock (lru_pause) and then the workers' lock; RESUME releases
 * them the same way. The maintenance thread rebuilds the table between
 * pause_threads(PAUSE_ALL) and pause_threads(RESUME_ALL); the LRU thread
 * reads it under the LRU lock, a worker under the workers' lock.
 *
 * Here the rebuild pauses the workers only (PAUSE_WORKERS, which does not
 * take the LRU lock).
 *
 * TRUTH: a race on table between the rebuild and the LRU thread's read:
 * they hold no lock in common. The worker's read is safe.
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
    pause_threads(PAUSE_WORKERS);
    for (int i = 0; i < 64; i++) table[i] = i; // expect: data-race 'table[i]'
    pause_threads(RESUME_WORKERS);
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
