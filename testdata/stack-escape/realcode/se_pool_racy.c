/*
 * se_pool_racy.c - a worker pool: pool_start() gives each worker the
 * address of its slot in a local array and returns; pool_stop() joins the
 * workers later, long after pool_start()'s frame is gone. A logger thread
 * started by log_start() gets a local config, reviewed and suppressed
 * (the logger copies it before the handshake returns - in the real code).
 */
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 4

struct worker_ctx {
    int id;
    long done;
};

static pthread_t workers[NWORKERS];
static pthread_t logger;

static void *worker_main(void *arg) {
    struct worker_ctx *w = arg;
    w->done++;
    printf("worker %d\n", w->id);
    return NULL;
}

static void *logger_main(void *arg) {
    const int *level = arg;
    printf("log level %d\n", *level);
    return NULL;
}

static void pool_start(void) {
    struct worker_ctx ctx[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) {
        ctx[i].id = i;
        ctx[i].done = 0;
        pthread_create(&workers[i], NULL, worker_main, &ctx[i]); // expect: stack-escape 'ctx'
    }
}

static void log_start(void) {
    int level = 2;
    pthread_create(&logger, NULL, logger_main, &level); // racecheck-ignore[stack-escape]: reviewed, copied at once
}

static void pool_stop(void) {
    for (int i = 0; i < NWORKERS; i++) pthread_join(workers[i], NULL);
    pthread_join(logger, NULL);
}

int main(void) {
    pool_start();
    log_start();
    pool_stop();
    return 0;
}
