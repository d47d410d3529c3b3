/*
 * heap_per_thread_linked_racy.c - each thread gets a node allocated in the
 * create loop, but the nodes are linked (`n->prev` is the previous thread's
 * node) and every worker also bumps its predecessor's counter.
 *
 * TRUTH: race on `count`: worker k writes node k-1's count while worker k-1
 * writes it too. The per-instance rule for loop allocations must not apply to
 * objects that point to objects of their own allocation site. main's write of
 * `n->prev` before each create is no race (each worker reads its own node's
 * prev): main writes the fresh node before the create publishes it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define N 4

struct node {
    struct node *prev;
    long count;
};

static void *worker(void *arg) {
    struct node *n = arg;
    n->count++; // expect: data-race 'count'
    if (n->prev)
        n->prev->count++;
    return NULL;
}

int main(void) {
    pthread_t t[N];
    struct node *last = NULL;
    for (int i = 0; i < N; i++) {
        struct node *n = calloc(1, sizeof *n);
        if (!n)
            return 1;
        n->prev = last;
        last = n;
        pthread_create(&t[i], NULL, worker, n);
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%ld\n", last->count);
    return 0;
}
