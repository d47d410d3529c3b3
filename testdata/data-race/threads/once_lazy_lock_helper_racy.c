/*
 * once_lazy_lock_helper_racy.c - once_lazy_lock_helper_fixed.c where
 * log_sync calls the helper without taking the log mutex: a worker in
 * log_sync and one in log_write may both find the flusher not running and
 * each start one.
 *
 * TRUTH: races on flush_rounds between two flushers (and on the flag): one
 * caller of the helper does not hold the lock, so the test and the set are
 * not one critical section.
 */
#include <pthread.h>
#include <string.h>

#define NWORKERS 4

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static char log_buf[4096];
static size_t log_len;
static int flusher_running;
static pthread_t flusher_thread;
static unsigned long flush_rounds;

static void *flusher(void *arg)
{
    (void)arg;
    while (flush_rounds < 1000) {
        flush_rounds++; // expect: data-race 'flush_rounds'
        pthread_mutex_lock(&log_mu);
        log_len = 0;
        pthread_mutex_unlock(&log_mu);
    }
    return NULL;
}

/* log_mu held */
static void start_flusher_locked(void)
{
    if (flusher_running) return;
    flusher_running = 1; // expect: data-race 'flusher_running'
    pthread_create(&flusher_thread, NULL, flusher, NULL);
}

static void log_write(const char *msg)
{
    size_t n = strlen(msg);
    pthread_mutex_lock(&log_mu);
    if (log_len + n < sizeof log_buf) {
        memcpy(log_buf + log_len, msg, n);
        log_len += n;
    }
    start_flusher_locked();
    pthread_mutex_unlock(&log_mu);
}

static void log_sync(void)
{
    start_flusher_locked(); /* BUG: log_mu not held */
}

static void *worker(void *arg)
{
    (void)arg;
    log_write("working\n");
    log_sync();
    return NULL;
}

int main(void)
{
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < NWORKERS; i++) pthread_join(t[i], NULL);
    return 0;
}
