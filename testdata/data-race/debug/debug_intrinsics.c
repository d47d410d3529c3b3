// expect-no-findings
/*
 * debug_intrinsics.c - asks the model what it believes: points-to sets
 * through a struct field, a function pointer and a heap object, the locks
 * held (also through a helper), and the threads that may run at a point.
 */
#include <pthread.h>
#include <stdlib.h>
#include "../../include/racecheck_debug.h"

struct cfg { int *target; pthread_mutex_t lock; };
static int a, b;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static struct cfg cfg;

static void take(pthread_mutex_t *l) { pthread_mutex_lock(l); }

static void *worker(void *arg) {
    struct cfg *c = arg;
    racecheck_pts(c->target); // debug: pts {a, b}
    take(&c->lock);
    racecheck_locks(); // debug: locks {c->lock}
    pthread_mutex_unlock(&c->lock);
    pthread_mutex_lock(&m);
    racecheck_threads(); // debug: thread worker* live {}
    pthread_mutex_unlock(&m);
    return NULL;
}

int main(int argc, char **argv) {
    (void)argv;
    int *heap = malloc(sizeof *heap);
    racecheck_pts(heap); // debug: pts {heap@debug_intrinsics.c:32}
    cfg.target = argc > 1 ? &a : &b;
    pthread_mutex_init(&cfg.lock, NULL);
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, &cfg);
    racecheck_threads(); // debug: thread main live {worker*}
    racecheck_locks(); // debug: locks {}
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    racecheck_threads(); // debug: thread main live {}
    free(heap);
    return 0;
}
