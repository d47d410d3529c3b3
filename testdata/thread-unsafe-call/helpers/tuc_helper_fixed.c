/*
 * tuc_helper_fixed.c - the logging helper is called by both workers with
 * log_lock held (taken by the callers, or by a locking wrapper); the
 * environment is changed only before the threads start.
 */
// expect-no-findings
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void log_error(int err) {
    time_t now = time(NULL);
    struct tm *tm = gmtime(&now);
    fprintf(stderr, "%02d: %s\n", tm->tm_min, strerror(err));
}

static void log_error_locked(int err) {
    pthread_mutex_lock(&log_lock);
    log_error(err);
    pthread_mutex_unlock(&log_lock);
}

static const char *setting(const char *name) {
    return getenv(name);
}

static void *reader(void *arg) {
    (void)arg;
    pthread_mutex_lock(&log_lock);
    log_error(EIO);
    pthread_mutex_unlock(&log_lock);
    if (setting("LEVEL")) puts("level");
    return NULL;
}

static void *writer(void *arg) {
    (void)arg;
    log_error_locked(ENOSPC);
    return NULL;
}

static void configure(void) {
    setenv("LEVEL", "2", 1);
}

int main(void) {
    configure();
    pthread_t t[2];
    pthread_create(&t[0], NULL, reader, NULL);
    pthread_create(&t[1], NULL, writer, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
