// expect-no-findings
/*
 * av_lockfree_stack_fixed.c - av_lockfree_stack_racy.c with the pop in a
 * compare-exchange loop: the top is replaced only if it is still the node
 * that was read (ABA aside, which a tag or hazard pointers fix).
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
    n->next = atomic_load(&top);
    while (!atomic_compare_exchange_weak(&top, &n->next, n)) {
    }
}

static struct node *pop(void) {
    struct node *old = atomic_load(&top);
    while (old && !atomic_compare_exchange_weak(&top, &old, old->next)) {
    }
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
