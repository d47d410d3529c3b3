/*
 * lo_dlist_racy.c - the list of lo_dlist_fixed.c, but one walker goes
 * forward along `next` and the other backward along `prev`, each hand over
 * hand: the forward walker holds node X and waits for its successor Y
 * while the backward walker holds Y and waits for X.
 *
 * TRUTH: a lock-order cycle between the nodes' locks (deadlock), reported
 * at each walk's inner acquisition.
 */
#include <pthread.h>
#include <stdlib.h>

struct node {
    pthread_mutex_t mu;
    struct node *next, *prev;
    long val;
};

static struct node *head, *tail;

static void *forward(void *arg) {
    (void)arg;
    struct node *cur = head;
    pthread_mutex_lock(&cur->mu);
    for (;;) {
        cur->val++;
        struct node *nx = cur->next;
        if (!nx) break;
        pthread_mutex_lock(&nx->mu); // expect: lock-order 'nx->mu'
        pthread_mutex_unlock(&cur->mu);
        cur = nx;
    }
    pthread_mutex_unlock(&cur->mu);
    return NULL;
}

static void *backward(void *arg) {
    (void)arg;
    struct node *cur = tail;
    pthread_mutex_lock(&cur->mu);
    for (;;) {
        cur->val--;
        struct node *pv = cur->prev;
        if (!pv) break;
        pthread_mutex_lock(&pv->mu); // expect: lock-order 'pv->mu'
        pthread_mutex_unlock(&cur->mu);
        cur = pv;
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
    tail = last;
    pthread_t a, b;
    pthread_create(&a, NULL, forward, NULL);
    pthread_create(&b, NULL, backward, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
