/*
 * once_lazy_unlocked_test_racy.c - once_lazy_lock_fixed.c, plus a worker
 * that sets the flush interval when it sees, without the lock, that the
 * flusher is not running yet - meaning to configure it before it starts.
 *
 * TRUTH: races on flush_interval (and on the flag the unlocked test reads):
 * the flusher starts once, but another worker may start it just after this
 * worker read 0, so the write is not ordered before the flusher's read.
 */
#include <pthread.h>

#define NWORKERS 4

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static size_t log_len;                 /* under log_mu */
static int flusher_running;            /* set once under log_mu */
static pthread_t flusher_thread;
static int flush_interval = 10;

static void *flusher(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i += flush_interval) {
        pthread_mutex_lock(&log_mu);
        log_len = 0;
        pthread_mutex_unlock(&log_mu);
    }
    return NULL;
}

static void log_write(void)
{
    pthread_mutex_lock(&log_mu);
    log_len++;
    if (!flusher_running) {
        flusher_running = 1; // expect: data-race 'flusher_running'
        pthread_create(&flusher_thread, NULL, flusher, NULL);
    }
    pthread_mutex_unlock(&log_mu);
}

static void *worker(void *arg)
{
    (void)arg;
    if (!flusher_running) flush_interval = 5; // expect: data-race 'flush_interval'
    log_write();
    return NULL;
}

int main(void)
{
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < NWORKERS; i++) pthread_join(t[i], NULL);
    return 0;
}
