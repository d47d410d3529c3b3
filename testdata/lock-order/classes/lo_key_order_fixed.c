// expect-no-findings
/*
 * lo_key_order_fixed.c - two nodes of one allocation site locked one inside
 * the other, in the order of a key each node carries: `if (a->id < b->id)`
 * takes a's lock first, else b's. Every thread that holds two node locks
 * took them in id order, so no cycle can close (ids are set before the
 * threads start and never change).
 *
 * TRUTH: no deadlock, no race (each node's `load` under its own lock).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#define NNODES 4

struct node {
    pthread_mutex_t m;
    int id;
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
        if (a->id < b->id) {
            pthread_mutex_lock(&a->m);
            pthread_mutex_lock(&b->m);
        } else {
            pthread_mutex_lock(&b->m);
            pthread_mutex_lock(&a->m);
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
        nodes[i]->load = i * 10;
    }
    for (long k = 0; k < 3; k++)
        pthread_create(&t[k], NULL, balancer, (void *)(intptr_t)k);
    for (int k = 0; k < 3; k++)
        pthread_join(t[k], NULL);
    return 0;
}
