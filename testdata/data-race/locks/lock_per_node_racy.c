/*
 * lock_per_node_racy.c - each node has its own lock protecting its data.
 * Holding n->lock while touching n->data is safe; holding a->lock while
 * touching b->data (another node) is not: the locks of nodes from one
 * allocation site are different locks. The finding is on the location
 * node.data; its first write is the primary location.
 */
#include <pthread.h>
#include <stdlib.h>
struct node { pthread_mutex_t lock; long data; };
static struct node *nodes[8];
static void *worker(void *arg) {
    long id = (long)arg;
    for (int k = 0; k < 8; k++) {
        struct node *n = nodes[k];
        pthread_mutex_lock(&n->lock);
        n->data += id; // expect: data-race 'data'
        pthread_mutex_unlock(&n->lock);
        struct node *a = nodes[k], *b = nodes[(k + 1) % 8];
        pthread_mutex_lock(&a->lock);
        b->data++;
        pthread_mutex_unlock(&a->lock);
    }
    return 0;
}
int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 8; i++) {
        nodes[i] = calloc(1, sizeof(struct node));
        if (!nodes[i]) return 1;
        pthread_mutex_init(&nodes[i]->lock, 0);
    }
    for (long i = 0; i < 2; i++) pthread_create(&t[i], 0, worker, (void *)i);
    for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
    return 0;
}
