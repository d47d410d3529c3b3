// expect-no-findings
/*
 * once_lazy_lock_fixed.c - worker threads log through log_write, which
 * appends under a mutex and starts the background flusher lazily: the
 * first writer to find it not running marks it running and starts it, all
 * under the same lock. The flusher keeps its own statistics.
 *
 * TRUTH: no race. The test and the set of flusher_running are one critical
 * section and the flag is never cleared, so only one flusher is ever
 * started although many workers run log_write (once.c: locked guard); its
 * statistics are its own.
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
    for (;;) {
        flush_rounds++;
        pthread_mutex_lock(&log_mu);
        log_len = 0;
        pthread_mutex_unlock(&log_mu);
        if (flush_rounds > 1000) break;
    }
    return NULL;
}

static void log_write(const char *msg)
{
    size_t n = strlen(msg);
    pthread_mutex_lock(&log_mu);
    if (log_len + n < sizeof log_buf) {
        memcpy(log_buf + log_len, msg, n);
        log_len += n;
    }
    if (!flusher_running) {
        flusher_running = 1;
        pthread_create(&flusher_thread, NULL, flusher, NULL);
    }
    pthread_mutex_unlock(&log_mu);
}

static void *worker(void *arg)
{
    (void)arg;
    log_write("working\n");
    return NULL;
}

int main(void)
{
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < NWORKERS; i++) pthread_join(t[i], NULL);
    return 0;
}
