/*
 * av_lockfree_stack_fixed.c - av_lockfree_stack_racy.c with the pop in a
 * compare-exchange loop: the top is replaced only if it is still the node
 * that was read (ABA aside, which a tag or hazard pointers fix). No
 * atomicity violation is left.
 *
 * The nodes still race (a Treiber stack without safe reclamation): a pop
 * reads old->next of the node it loaded from top while another thread may
 * have popped that node and be pushing it back, writing n->next - two
 * plain accesses, one a write, unordered. The compare-exchange then fails,
 * so the value read is discarded, but the accesses are a data race in C11
 * (ThreadSanitizer reports it too); `_Atomic` next pointers fix it.
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
