/*
 * lo_key_order_racy.c - two nodes of one allocation site locked one inside
 * the other, in an order that is no order: `if (a->id < b->weight)`
 * compares two different fields, so for two nodes x and y both
 * `x->id < y->weight` and `y->id < x->weight` may hold, and two threads
 * may take x then y and y then x (lo_key_order_fixed.c compares the same
 * key of both).
 *
 * TRUTH: possible deadlock on the nodes' locks.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#define NNODES 4

struct node {
    pthread_mutex_t m;
    int id, weight;
    long load;
};

static struct node *nodes[NNODES];

static void *balancer(void *arg)
{
    long k = (long)(intptr_t)arg;
    for (int r = 0; r < 100; r++) {
        struct node *a = nodes[(k + r) % NNODES], *b = nodes[(k + 2 * r + 1) % NNODES];
        if (a == b)
            continue;
        if (a->id < b->weight) {
            pthread_mutex_lock(&a->m);
            pthread_mutex_lock(&b->m); // expect: lock-order 'b->m'
        } else {
            pthread_mutex_lock(&b->m);
            pthread_mutex_lock(&a->m); // expect: lock-order 'a->m'
        }
        long avg = (a->load + b->load) / 2;
        a->load = avg;
        b->load = avg;
        pthread_mutex_unlock(&a->m);
        pthread_mutex_unlock(&b->m);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    for (int i = 0; i < NNODES; i++) {
        nodes[i] = calloc(1, sizeof *nodes[i]);
        if (!nodes[i])
            return 1;
        pthread_mutex_init(&nodes[i]->m, NULL);
        nodes[i]->id = i;
        nodes[i]->weight = NNODES - i;
        nodes[i]->load = i * 10;
    }
    for (long k = 0; k < 3; k++)
        pthread_create(&t[k], NULL, balancer, (void *)(intptr_t)k);
    for (int k = 0; k < 3; k++)
        pthread_join(t[k], NULL);
    return 0;
}
