/*
 * lock_node_insert_racy.c - like lock_node_insert_fixed.c, but the
 * producer releases the node's lock before its last update of n->data, and
 * updates the previous head's data holding only its new node's lock.
 *
 * TRUTH: both are real races: once inserted the node is visible to the
 * consumer, which writes n->data under the node's lock; the previous head
 * is another node, whose lock the producer does not hold.
 */
#include <pthread.h>
#include <stdlib.h>

struct node {
    pthread_mutex_t lock;
    long data;
    long seen;
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
        n->seen = 0;
        pthread_mutex_lock(&list_lock);
        n->next = head;
        head = n;
        pthread_mutex_unlock(&list_lock);
        if (n->next)
            n->next->seen++; // expect: data-race 'seen'
        pthread_mutex_unlock(&n->lock);
        n->data++; // expect: data-race 'data'
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
        n->seen++;
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
