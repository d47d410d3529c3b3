/*
 * own_allocations_fixed.c - every worker allocates its own result, publishes
 * it (a slot of a global table, the head of a locked list) and then goes on
 * filling it in through its own pointer, directly and through helpers it
 * passes the pointer to (a library call, a function of the program).
 *
 * TRUTH: no race. Points-to names every worker's allocation by one object
 * (one allocation site), but each call of worker() allocates an object of
 * its own: two workers' writes through their own pointers touch two
 * objects, and main reads the results only after joining every worker
 * (rule own-allocations). The publication does not matter: nobody else
 * touches a result while the workers run.
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 4

struct result {
    int n;
    int v[8];
};

struct node {
    struct node *next;
    int len;
    char buf[32];
};

static struct result *results[N];
static struct node *head;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void fill(struct node *n, int v) {
    n->len = v;
    memset(n->buf, v, sizeof n->buf);
}

static void scale(struct node *n, int k) {
    fill(n, n->len * k); /* passed on unchanged: still the caller's allocation */
}

static void *worker(void *arg) {
    long id = (long)arg;
    struct result *r = malloc(sizeof *r);
    if (!r) return NULL;
    results[id] = r; /* published first ... */
    r->n = 8;        /* ... then filled in through the worker's own pointer */
    for (int i = 0; i < 8; i++) r->v[i] = i * (int)id;

    struct node *n = malloc(sizeof *n);
    if (!n) return NULL;
    pthread_mutex_lock(&m);
    n->next = head;
    head = n;
    pthread_mutex_unlock(&m);
    fill(n, (int)id);
    scale(n, 2);
    n->len++;
    return NULL;
}

int main(void) {
    pthread_t t[N];
    for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    int s = 0;
    for (int i = 0; i < N; i++)
        if (results[i]) {
            s += results[i]->n + results[i]->v[3];
            free(results[i]);
        }
    while (head) {
        struct node *n = head;
        head = n->next;
        s += n->len + n->buf[0];
        free(n);
    }
    printf("%d\n", s);
    return 0;
}
