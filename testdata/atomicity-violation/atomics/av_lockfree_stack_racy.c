/*
 * av_lockfree_stack_racy.c - a lock-free free list whose pop loads the top
 * and stores top->next as two atomic steps: two threads popping at once
 * both get the same node, and a push in between is lost. The nodes' next
 * pointers race as well (av_lockfree_stack_fixed.c says how).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct node {
    struct node *next;
    int value;
};

static struct node *_Atomic top;

static void push(struct node *n) {
    n->next = atomic_load(&top); // expect: data-race 'n->next'
    while (!atomic_compare_exchange_weak(&top, &n->next, n)) {
    }
}

static struct node *pop(void) {
    struct node *old = atomic_load(&top); // expect: atomicity-violation 'top'
    if (old) atomic_store(&top, old->next);
    return old;
}

static void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 100; i++) {
        struct node *n = pop();
        if (n) push(n);
    }
    return NULL;
}

int main(void) {
    for (int i = 0; i < 8; i++) {
        struct node *n = calloc(1, sizeof *n);
        if (n) push(n);
    }
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
