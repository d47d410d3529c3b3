/*
 * dl_handover_fixed.c - hand-over-hand locking down a list: the node's lock
 * is taken while the previous one is held, through the same variable
 * reassigned (`n = next`): different objects, no double lock. Also the
 * known limit: two pointers to one node locked one after the other are not
 * recognised as one lock.
 */
#include <pthread.h>
#include <stdlib.h>

struct node {
    pthread_mutex_t lock;
    struct node *next;
    long value;
};

static struct node *head;

static long sum_list(void) {
    struct node *n = head;
    long s = 0;
    pthread_mutex_lock(&n->lock);
    while (n->next) {
        struct node *next = n->next;
        pthread_mutex_lock(&next->lock);
        s += n->value;
        pthread_mutex_unlock(&n->lock);
        n = next;
    }
    s += n->value;
    pthread_mutex_unlock(&n->lock);
    return s;
}

static void touch_twice(struct node *a, struct node *b) {
    pthread_mutex_lock(&a->lock);
    pthread_mutex_lock(&b->lock); // known-miss: double-lock 'a->lock'
    a->value++;
    pthread_mutex_unlock(&b->lock);
    pthread_mutex_unlock(&a->lock);
}

static void *walker(void *arg) {
    (void)arg;
    return (void *)sum_list();
}

int main(void) {
    for (int i = 0; i < 3; i++) {
        struct node *n = calloc(1, sizeof *n);
        pthread_mutex_init(&n->lock, NULL);
        n->next = head;
        head = n;
    }
    touch_twice(head, head);
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, walker, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
