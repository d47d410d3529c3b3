/*
 * se_direct_fixed.c - scoped threads: start() joins the worker before it
 * returns; main hands its own locals (they live until the process ends);
 * the detached printer gets a static string.
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>

struct settings {
    int level;
    char name[16];
};

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
    pthread_t t;
    pthread_create(&t, NULL, worker, &s);
    pthread_join(t, NULL);
}

int main(void) {
    start();
    struct settings mine = {1, "main"};
    pthread_t t, d;
    pthread_create(&t, NULL, worker, &mine);
    pthread_create(&d, NULL, printer, "static text");
    pthread_detach(d);
    pthread_join(t, NULL);
    return 0;
}
