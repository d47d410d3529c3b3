/*
 * lock_list_walk_racy.c - the workers walk a list whose nodes carry their
 * own mutex, but touch the data of another node than the one they lock:
 * n->next->data under n->lock, and the current node's data under the
 * previous node's lock.
 *
 * TRUTH: both races are real. One worker holds node 1's lock writing node
 * 2's data while the other holds node 2's lock writing node 2's data (or
 * holds node 2's lock in the second loop and writes node 3's). The nodes
 * all come from one allocation site: past the dereference of n->next the
 * abstract node is another runtime node, so n->lock does not pair with it.
 * The finding on node.data is reported at its first write (n->data).
 */
#include <pthread.h>
#include <stdlib.h>

struct node {
    pthread_mutex_t lock;
    long data;
    long count;
    struct node *next;
};

static struct node *head;

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < 100; k++) {
        for (struct node *n = head; n && n->next; n = n->next) {
            pthread_mutex_lock(&n->lock);
            n->data++; // expect: data-race 'data'
            n->next->data++;
            pthread_mutex_unlock(&n->lock);
        }
        struct node *prev = NULL;
        for (struct node *n = head; n; n = n->next) {
            if (prev) {
                pthread_mutex_lock(&prev->lock);
                n->count++; // expect: data-race 'count'
                pthread_mutex_unlock(&prev->lock);
            }
            prev = n;
        }
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];

    for (int i = 0; i < 8; i++) {
        struct node *n = calloc(1, sizeof *n);
        if (!n)
            return 1;
        pthread_mutex_init(&n->lock, NULL);
        n->next = head;
        head = n;
    }
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
