/*
 * se_direct_racy.c - start() hands the address of its local settings to a
 * worker it never joins; spawn_detached() hands a local buffer to a
 * detached thread.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct settings {
    int level;
    char name[16];
};

static pthread_t worker_tid;

static void *worker(void *arg) {
    struct settings *s = arg;
    printf("%d %s\n", s->level, s->name);
    return NULL;
}

static void *printer(void *arg) {
    puts((const char *)arg);
    return NULL;
}

static void start(void) {
    struct settings s = {3, "w"};
    pthread_create(&worker_tid, NULL, worker, &s); // expect: stack-escape 's'
}

static void spawn_detached(const char *text) {
    char buf[32];
    strncpy(buf, text, sizeof buf - 1);
    buf[sizeof buf - 1] = 0;
    pthread_t t;
    pthread_create(&t, NULL, printer, buf); // expect: stack-escape 'buf'
    pthread_detach(t);
}

int main(void) {
    start();
    spawn_detached("hello");
    pthread_join(worker_tid, NULL);
    return 0;
}
