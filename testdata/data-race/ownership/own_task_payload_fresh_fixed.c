/*
 * own_task_payload_fresh_fixed.c - a thread pool whose every task carries
 * a request main allocates in the same iteration of its submit loop
 * (`r = malloc(..); r->input = i; pool_submit(square, r);`, or kept in
 * the iteration's element of an array: `reqs[i] = malloc(..)`), and a
 * request handler that allocates one per call (`handle(i)`, no loop of its
 * own):
 * each task's payload is an object of its own. The task function writes
 * through its parameter, adds to a locked total, and frees it.
 *
 * TRUTH: no data race - two tasks never share a request, and main fills
 * each in before its hand-over (under the pool lock).
 */
// expect-no-findings
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
    r->output = (long)r->input * r->input;
    pthread_mutex_lock(&pool_lock);
    total += r->output;
    pthread_mutex_unlock(&pool_lock);
    free(r);
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
static void handle(int v) {
    struct request *q = malloc(sizeof *q);
    if (!q) abort();
    q->input = v;
    q->output = -1;
    pool_submit(square, q);
}

int main(void) {
    pthread_t w[NW];
    for (int i = 0; i < NW; i++) pthread_create(&w[i], NULL, pool_worker, NULL);
    for (int i = 0; i < NT; i++) {
        struct request *r = malloc(sizeof *r);
        if (!r) abort();
        r->input = i;
        r->output = 0;
        pool_submit(square, r);
    }
    for (int i = 0; i < 4; i++) handle(100 + i);
    struct request *reqs[8];
    for (int i = 0; i < 8; i++) { /* kept in an array element: reqs[i], the iteration's */
        reqs[i] = malloc(sizeof *reqs[i]);
        if (!reqs[i]) abort();
        reqs[i]->input = 200 + i;
        reqs[i]->output = 0;
        pool_submit(square, reqs[i]);
    }
    pthread_mutex_lock(&pool_lock);
    closing = 1;
    pthread_cond_broadcast(&pool_cond);
    pthread_mutex_unlock(&pool_lock);
    for (int i = 0; i < NW; i++) pthread_join(w[i], NULL);
    printf("%ld\n", total);
    return 0;
}
