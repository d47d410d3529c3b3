// expect-no-findings
/*
 * un_cleanup_fixed.c - un_cleanup_racy.c fixed: flush_log() takes the log
 * lock first, tests under it, and unlocks on the one path out.
 *
 * TRUTH: no finding.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char logbuf[256];
static size_t loglen;

static void log_msg(const char *m) {
    pthread_mutex_lock(&log_lock);
    size_t n = strlen(m);
    if (loglen + n < sizeof logbuf) {
        memcpy(logbuf + loglen, m, n);
        loglen += n;
    }
    pthread_mutex_unlock(&log_lock);
}

static void flush_log(int force) {
    pthread_mutex_lock(&log_lock);
    if (force || loglen > 128) {
        fwrite(logbuf, 1, loglen, stdout);
        loglen = 0;
    }
    pthread_mutex_unlock(&log_lock);
}

static void *worker(void *arg) {
    for (int i = 0; i < 20; i++) {
        log_msg((const char *)arg);
        flush_log(0);
    }
    return NULL;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, worker, "a\n");
    pthread_create(&b, NULL, worker, "b\n");
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    flush_log(1);
    return 0;
}
