/*
 * own_task_payload_fresh_racy.c - as own_task_payload_fresh_fixed.c, but
 * the requests are shared by tasks:
 * - one request allocated before the submit loop, handed to every task;
 * - a request handed to two tasks in one iteration (`submit(r);
 *   submit(r);`).
 * (The task functions here do not free their request.)
 *
 * TRUTH: races on the requests' `output`: two workers run tasks with one
 * request at once.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#define NW 3
#define NT 40
struct request { int input; long output; };
struct task { void (*fn)(void *); void *arg; struct task *next; };
static struct task *pending;
static int closing;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_cond = PTHREAD_COND_INITIALIZER;
static long total;
static void square(void *arg) {
    struct request *r = arg;
    r->output = (long)r->input * r->input; // expect: data-race 'output'
    pthread_mutex_lock(&pool_lock);
    total += r->output;
    pthread_mutex_unlock(&pool_lock);
}

static void twice(void *arg) {
    struct request *r = arg;
    r->input++; // expect: data-race 'input'
}
static void pool_submit(void (*fn)(void *), void *arg) {
    struct task *t = malloc(sizeof *t);
    if (!t) abort();
    t->fn = fn;
    t->arg = arg;
    pthread_mutex_lock(&pool_lock);
    t->next = pending;
    pending = t;
    pthread_cond_signal(&pool_cond);
    pthread_mutex_unlock(&pool_lock);
}
static void *pool_worker(void *unused) {
    (void)unused;
    for (;;) {
        struct task *t;
        pthread_mutex_lock(&pool_lock);
        while (!pending && !closing) pthread_cond_wait(&pool_cond, &pool_lock);
        t = pending;
        if (t) pending = t->next;
        pthread_mutex_unlock(&pool_lock);
        if (!t) return NULL;
        t->fn(t->arg);
        free(t);
    }
}
int main(void) {
    pthread_t w[NW];
    for (int i = 0; i < NW; i++) pthread_create(&w[i], NULL, pool_worker, NULL);
    struct request *all = malloc(sizeof *all);
    if (!all) abort();
    all->input = 7;
    all->output = 0;
    for (int i = 0; i < NT; i++) pool_submit(square, all);
    for (int i = 0; i < 4; i++) {
        struct request *r = malloc(sizeof *r);
        if (!r) abort();
        r->input = i;
        r->output = 0;
        pool_submit(twice, r);
        pool_submit(twice, r);
    }
    pthread_mutex_lock(&pool_lock);
    closing = 1;
    pthread_cond_broadcast(&pool_cond);
    pthread_mutex_unlock(&pool_lock);
    for (int i = 0; i < NW; i++) pthread_join(w[i], NULL);
    printf("%ld\n", total);
    return 0;
}
