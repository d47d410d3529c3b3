/*
 * fnptr_pool_racy.c - a hand-written thread pool: tasks {fn, arg} queued under
 * a mutex, four workers pop them and call t->fn(t->arg). The callback runs
 * in the worker threads (many instances, asked with racecheck_threads): its
 * unlocked counter races, the locked one does not.
 */
#include <pthread.h>
#include <stdlib.h>
#include "../../include/racecheck_debug.h"
struct task { void (*fn)(void *); void *arg; struct task *next; };
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qcond = PTHREAD_COND_INITIALIZER;
static struct task *queue;
static int stop;
static long hits;
static long safe_hits;
static void count(void *arg) {
    (void)arg;
    racecheck_threads(); // debug: thread worker* live {}
    hits++; // expect: data-race 'hits'
    pthread_mutex_lock(&qlock);
    safe_hits++;
    pthread_mutex_unlock(&qlock);
}
static void *worker(void *arg) {
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&qlock);
        while (!queue && !stop) pthread_cond_wait(&qcond, &qlock);
        struct task *t = queue;
        if (t) queue = t->next;
        pthread_mutex_unlock(&qlock);
        if (!t) return NULL;
        t->fn(t->arg);
        free(t);
    }
}
static void submit(void (*fn)(void *), void *arg) {
    struct task *t = malloc(sizeof *t);
    if (!t) return;
    t->fn = fn;
    t->arg = arg;
    pthread_mutex_lock(&qlock);
    t->next = queue;
    queue = t;
    pthread_cond_signal(&qcond);
    pthread_mutex_unlock(&qlock);
}
int main(void) {
    pthread_t th[4];
    for (int i = 0; i < 4; i++) pthread_create(&th[i], NULL, worker, NULL);
    for (int i = 0; i < 10; i++) submit(count, NULL);
    pthread_mutex_lock(&qlock);
    stop = 1;
    pthread_cond_broadcast(&qcond);
    pthread_mutex_unlock(&qlock);
    for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);
    return (int)(hits + safe_hits);
}
