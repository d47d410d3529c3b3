/*
 * own_allocations_racy.c - as own_allocations_fixed.c, each worker fills in
 * the objects it allocated through its own pointer after publishing them,
 * but here other code reaches them meanwhile:
 *
 * - a monitor thread walks the locked list and reads each node's `len`:
 *   it holds the list's lock, the owner writes `len` after unlocking;
 * - every worker also writes its neighbour's result through the global
 *   table (`results[(id + 1) % N]->n`), beside the neighbour's own write;
 * - fill() is also called by the monitor on a node it took from the list
 *   (not an allocation of its own activation), so fill's accesses count as
 *   the owner's only where every call passes the caller's allocation.
 *
 * TRUTH: races on `n` (result), `len` and `buf` (node). Two accesses
 * through their own activations' pointers never race with each other
 * (rule own-allocations), but an access through any other pointer is
 * compared as before.
 */
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
    n->len = v;                        // expect: data-race 'len'
    memset(n->buf, v, sizeof n->buf); // expect: data-race 'buf'
}

static void *worker(void *arg) {
    long id = (long)arg;
    struct result *r = malloc(sizeof *r);
    if (!r) return NULL;
    pthread_mutex_lock(&m);
    results[id] = r;
    pthread_mutex_unlock(&m);
    r->n = 8; // expect: data-race 'n'
    for (int i = 0; i < 8; i++) r->v[i] = i * (int)id;
    pthread_mutex_lock(&m);
    struct result *next = results[(id + 1) % N];
    pthread_mutex_unlock(&m);
    if (next) next->n += 1; /* the neighbour's result, through the table */

    struct node *n = malloc(sizeof *n);
    if (!n) return NULL;
    pthread_mutex_lock(&m);
    n->next = head;
    head = n;
    pthread_mutex_unlock(&m);
    fill(n, (int)id);
    return NULL;
}

static void *monitor(void *arg) {
    (void)arg;
    int s = 0;
    pthread_mutex_lock(&m);
    for (struct node *n = head; n; n = n->next) s += n->len;
    struct node *first = head;
    pthread_mutex_unlock(&m);
    if (first) fill(first, 0); /* not the monitor's own allocation */
    return (void *)(long)s;
}

int main(void) {
    pthread_t t[N], mon;
    for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    pthread_create(&mon, NULL, monitor, NULL);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    pthread_join(mon, NULL);
    for (int i = 0; i < N; i++) free(results[i]);
    while (head) {
        struct node *n = head;
        head = n->next;
        free(n);
    }
    return 0;
}
