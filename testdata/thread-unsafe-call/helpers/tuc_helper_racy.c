/*
 * tuc_helper_racy.c - a logging helper formats its error text with
 * strerror (not reported: see docs/rules/thread-unsafe-call.md) and its
 * time with gmtime; two worker kinds call it, one of them
 * under a lock the other does not take. A config reloader changes the
 * environment with setenv while a worker reads it with getenv.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void log_error(int err) {
    time_t now = time(NULL);
    struct tm *tm = gmtime(&now); // expect: thread-unsafe-call 'gmtime'
    fprintf(stderr, "%02d: %s\n", tm->tm_min, strerror(err)); /* strerror: thread-safe in glibc >= 2.32, not listed */
}

static const char *setting(const char *name) {
    return getenv(name); // expect: thread-unsafe-call 'getenv'
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
    log_error(ENOSPC); /* without log_lock */
    return NULL;
}

static void *reloader(void *arg) {
    (void)arg;
    setenv("LEVEL", "2", 1); // expect: thread-unsafe-call 'setenv'
    return NULL;
}

int main(void) {
    pthread_t t[3];
    pthread_create(&t[0], NULL, reader, NULL);
    pthread_create(&t[1], NULL, writer, NULL);
    pthread_create(&t[2], NULL, reloader, NULL);
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    return 0;
}
