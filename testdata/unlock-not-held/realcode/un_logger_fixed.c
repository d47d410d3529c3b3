// expect-no-findings
/*
 * un_logger_fixed.c - un_logger_racy.c fixed: the flush path keeps the lock
 * and the common exit releases it once; the worker reads the stop flag
 * under the queue lock and releases it on both paths.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static char buf[128];
static size_t len;

static pthread_mutex_t q_mu = PTHREAD_MUTEX_INITIALIZER;
static int jobs, stopping;

static void log_msg(const char *m) {
    size_t n = strlen(m);
    pthread_mutex_lock(&log_mu);
    if (len + n > sizeof buf) {
        fwrite(buf, 1, len, stderr);
        len = 0;
    }
    if (n <= sizeof buf) {
        memcpy(buf + len, m, n);
        len += n;
    }
    pthread_mutex_unlock(&log_mu);
}

static void *worker(void *arg) {
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&q_mu);
        if (stopping) {
            pthread_mutex_unlock(&q_mu);
            break;
        }
        if (jobs > 0) jobs--;
        pthread_mutex_unlock(&q_mu);
        log_msg("job\n");
    }
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
