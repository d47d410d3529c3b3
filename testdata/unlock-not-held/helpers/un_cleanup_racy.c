/*
 * un_cleanup_racy.c - flush_log() only takes the log lock when there is
 * something buffered, but its common cleanup at the end always unlocks.
 * When the buffer is empty, it unlocks a mutex it never locked (undefined
 * behaviour for a default mutex; with other threads it can release their
 * lock).
 *
 * TRUTH: unlock-not-held of log_lock at the final unlock. Also a data race
 * on loglen: the unlocked test `loglen > 128` in flush_log() reads it while
 * another worker's log_msg() writes it under the lock (primary location:
 * that write, the first in the file).
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
        loglen += n; // expect: data-race 'loglen'
    }
    pthread_mutex_unlock(&log_lock);
}

static void flush_log(int force) {
    if (force || loglen > 128) {
        pthread_mutex_lock(&log_lock);
        fwrite(logbuf, 1, loglen, stdout);
        loglen = 0;
    }
    pthread_mutex_unlock(&log_lock); // expect: unlock-not-held 'log_lock'
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
