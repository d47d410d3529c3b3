/*
 * lo_private_node_racy.c - lo_private_node_fixed.c, but after linking the
 * node in (and still holding its mutex) the producer takes the list lock
 * once more to count the node.
 *
 * TRUTH: possible deadlock: that second acquisition holds a node a reader
 * can already reach; the reader, holding the list lock, may wait for the
 * node's mutex while the producer waits for the list lock.
 *
 * The fixed file's account: producers create a node, lock the node's own
 * mutex, link the node into a shared list under the list lock, and fill it
 * in while still holding the node's mutex. Readers walk the list under the
 * list lock and lock each node before reading it.
 *
 * (fixed) no deadlock: the producer takes the list lock while holding the
 * node's mutex only before the node is linked in, when no other thread
 * can reach the node, let alone hold or wait for its mutex. The reader's
 * order (list lock, then a node's mutex) has no opposite. The acquisition
 * made while the node is still private is no lock-order edge
 * (LockAcq.held_private, from ownership.c's publication dataflow).
 */
#include <pthread.h>
#include <stdlib.h>

struct item {
    pthread_mutex_t m;
    int ready;
    int key;
    struct item *next;
};

static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct item *list_head;
static int list_count;

static void *producer(void *arg) {
    int base = *(int *)arg;
    for (int k = base; k < base + 10; k++) {
        struct item *it = malloc(sizeof *it);
        if (!it) return NULL;
        pthread_mutex_init(&it->m, NULL);
        it->ready = 0;
        pthread_mutex_lock(&it->m);
        pthread_mutex_lock(&list_lock);
        it->next = list_head;
        list_head = it;
        pthread_mutex_unlock(&list_lock);
        pthread_mutex_lock(&list_lock); // expect: lock-order 'list_lock'
        list_count++;
        pthread_mutex_unlock(&list_lock);
        it->key = k;
        it->ready = 1;
        pthread_mutex_unlock(&it->m);
    }
    return NULL;
}

static void *reader(void *arg) {
    long sum = 0;
    (void)arg;
    for (int round = 0; round < 100; round++) {
        pthread_mutex_lock(&list_lock);
        for (struct item *it = list_head; it; it = it->next) {
            pthread_mutex_lock(&it->m); // expect: lock-order 'it->m'
            if (it->ready) sum += it->key;
            pthread_mutex_unlock(&it->m);
        }
        pthread_mutex_unlock(&list_lock);
    }
    return (void *)sum;
}

int main(void) {
    pthread_t p[2], r;
    int base[2] = {0, 100};
    pthread_create(&r, NULL, reader, NULL);
    for (int i = 0; i < 2; i++) pthread_create(&p[i], NULL, producer, &base[i]);
    for (int i = 0; i < 2; i++) pthread_join(p[i], NULL);
    pthread_join(r, NULL);
    return 0;
}
