/*
 * se_pool_fixed.c - the worker pool with its contexts in a static array
 * (the pool owns them); a parallel sum that creates and joins its helpers
 * inside one function with their arguments on its stack (scoped threads).
 * Its two partial sums sit side by side on that stack and are added to in
 * the helpers' loops: false-sharing's note (expected; no stack-escape).
 */
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 4

struct worker_ctx {
    int id;
    long done;
};

struct part {
    const int *v;
    int n;
    long sum;
};

static pthread_t workers[NWORKERS];
static struct worker_ctx contexts[NWORKERS];

static void *worker_main(void *arg) {
    struct worker_ctx *w = arg;
    w->done++;
    printf("worker %d\n", w->id);
    return NULL;
}

static void *sum_part(void *arg) {
    struct part *p = arg;
    for (int i = 0; i < p->n; i++) p->sum += p->v[i]; // expect: false-sharing 'p->sum'
    return NULL;
}

static long parallel_sum(const int *v, int n) {
    struct part parts[2] = {{v, n / 2, 0}, {v + n / 2, n - n / 2, 0}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, sum_part, &parts[i]);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return parts[0].sum + parts[1].sum;
}

static void pool_start(void) {
    for (int i = 0; i < NWORKERS; i++) {
        contexts[i].id = i;
        pthread_create(&workers[i], NULL, worker_main, &contexts[i]);
    }
}

static void pool_stop(void) {
    for (int i = 0; i < NWORKERS; i++) pthread_join(workers[i], NULL);
}

int main(void) {
    static const int data[6] = {1, 2, 3, 4, 5, 6};
    printf("%ld\n", parallel_sum(data, 6));
    pool_start();
    pool_stop();
    return 0;
}
