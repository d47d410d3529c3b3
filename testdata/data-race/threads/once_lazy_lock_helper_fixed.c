// expect-no-findings
/*
 * once_lazy_lock_helper_fixed.c - once_lazy_lock_fixed.c with the lazy
 * start in a helper, start_flusher_locked, that both log paths call while
 * they hold the log mutex (the helper takes no lock itself).
 *
 * TRUTH: no race. Every call of the helper holds log_mu from before the
 * test of flusher_running until after the set, and nothing clears the
 * flag: one flusher, whose statistics are its own (once.c: a locked guard,
 * the lock taken by every caller).
 */
#include <pthread.h>
#include <string.h>

#define NWORKERS 4

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static char log_buf[4096];
static size_t log_len;                 /* under log_mu */
static int flusher_running;            /* under log_mu; set once */
static pthread_t flusher_thread;
static unsigned long flush_rounds;     /* the flusher's own */

static void *flusher(void *arg)
{
    (void)arg;
    while (flush_rounds < 1000) {
        flush_rounds++;
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
    flusher_running = 1;
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
    pthread_mutex_lock(&log_mu);
    start_flusher_locked();
    pthread_mutex_unlock(&log_mu);
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
