/*
 * once_double_checked_racy.c - once_lazy_lock_fixed.c with the flag tested
 * before the lock is taken and not tested again under it: two workers can
 * both see the flusher not running, and each start one.
 *
 * TRUTH: races on flush_rounds between two flusher instances. The test is
 * outside the critical section that sets the flag, so the guard does not
 * make the spawn run once for the many workers.
 */
#include <pthread.h>
#include <string.h>

#define NWORKERS 4

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static char log_buf[4096];
static size_t log_len;                 /* under log_mu */
static int flusher_running;
static pthread_t flusher_thread;
static unsigned long flush_rounds;

static void *flusher(void *arg)
{
    (void)arg;
    for (;;) {
        flush_rounds++; // expect: data-race 'flush_rounds'
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
    pthread_mutex_unlock(&log_mu);
    if (!flusher_running) { /* BUG: tested outside the lock, not tested again inside */
        pthread_mutex_lock(&log_mu);
        flusher_running = 1; // expect: data-race 'flusher_running'
        pthread_create(&flusher_thread, NULL, flusher, NULL);
        pthread_mutex_unlock(&log_mu);
    }
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
