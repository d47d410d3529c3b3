/*
 * lo_dlist_fixed.c - a doubly linked list with a lock in every node,
 * walked hand over hand by two threads: both go forward along `next`
 * (holding a node, then taking its successor's lock: `nx = cur->next;
 * lock(&nx->mu)`), one summing, one bumping every value.
 *
 * TRUTH: no lock-order cycle - every walk takes the nodes' locks in list
 * order - and no data race (each node's fields under its own lock).
 */
// expect-no-findings
#include <pthread.h>
#include <stdlib.h>

struct node {
    pthread_mutex_t mu;
    struct node *next, *prev;
    long val;
};

static struct node *head;

static void *sum(void *arg) {
    long s = 0;
    struct node *cur = head;
    pthread_mutex_lock(&cur->mu);
    for (;;) {
        s += cur->val;
        struct node *nx = cur->next;
        if (!nx) break;
        pthread_mutex_lock(&nx->mu);
        pthread_mutex_unlock(&cur->mu);
        cur = nx;
    }
    pthread_mutex_unlock(&cur->mu);
    *(long *)arg = s;
    return NULL;
}

static void *bump(void *arg) {
    (void)arg;
    struct node *cur = head;
    pthread_mutex_lock(&cur->mu);
    for (;;) {
        cur->val++;
        struct node *nx = cur->next;
        if (!nx) break;
        pthread_mutex_lock(&nx->mu);
        pthread_mutex_unlock(&cur->mu);
        cur = nx;
    }
    pthread_mutex_unlock(&cur->mu);
    return NULL;
}

int main(void) {
    struct node *last = NULL;
    for (int i = 0; i < 4; i++) {
        struct node *n = calloc(1, sizeof *n);
        if (!n) return 1;
        pthread_mutex_init(&n->mu, NULL);
        n->val = i;
        n->prev = last;
        if (last) last->next = n;
        else head = n;
        last = n;
    }
    long s = 0;
    pthread_t a, b;
    pthread_create(&a, NULL, sum, &s);
    pthread_create(&b, NULL, bump, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)s;
}
