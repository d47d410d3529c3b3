// expect-no-findings
/*
 * lock_node_insert_fixed.c - producers create a node, lock its own mutex,
 * fill it, insert it into a shared list under the list lock, and update it
 * once more before releasing the node's lock; a consumer takes the head
 * under the list lock and updates the node under the node's lock.
 *
 * TRUTH: no race. n->data is written holding n->lock of the same node
 * everywhere (producer: the local n; consumer: the local n read from head),
 * and the list links are touched under list_lock.
 */
#include <pthread.h>
#include <stdlib.h>

struct node {
    pthread_mutex_t lock;
    long data;
    struct node *next;
};

static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct node *head;

static void *producer(void *arg)
{
    (void)arg;
    for (int k = 0; k < 10; k++) {
        struct node *n = malloc(sizeof *n);
        if (!n)
            return NULL;
        pthread_mutex_init(&n->lock, NULL);
        pthread_mutex_lock(&n->lock);
        n->data = k;
        pthread_mutex_lock(&list_lock);
        n->next = head;
        head = n;
        pthread_mutex_unlock(&list_lock);
        n->data++;
        pthread_mutex_unlock(&n->lock);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    for (int k = 0; k < 10; k++) {
        pthread_mutex_lock(&list_lock);
        struct node *n = head;
        pthread_mutex_unlock(&list_lock);
        if (!n)
            continue;
        pthread_mutex_lock(&n->lock);
        n->data *= 2;
        pthread_mutex_unlock(&n->lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[3];

    pthread_create(&t[0], NULL, producer, NULL);
    pthread_create(&t[1], NULL, producer, NULL);
    pthread_create(&t[2], NULL, consumer, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
