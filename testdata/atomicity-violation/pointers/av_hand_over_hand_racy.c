/*
 * av_hand_over_hand_racy.c - the list of av_hand_over_hand_fixed.c, whose
 * remover looks the node up hand over hand but then lets go of prev's lock
 * to do other work, and takes it again before it unlinks: `prev` is the
 * same node, and another thread may have linked a node after it in the
 * gap.
 *
 * TRUTH: a lost update on `prev->next` (a node inserted in the gap is
 * unlinked again); and a data race: the remover reads `cur->next` holding
 * only the head's lock, while an inserter may write that node's `next`
 * holding the node's own.
 */
#include <pthread.h>
#include <stdlib.h>

struct node {
    int key;
    struct node *next;
    pthread_mutex_t mu;
};

static struct node head = {-1, NULL, PTHREAD_MUTEX_INITIALIZER};

static void insert(int key)
{
    struct node *n = malloc(sizeof *n);
    if (!n)
        abort();
    n->key = key;
    pthread_mutex_init(&n->mu, NULL);
    struct node *prev = &head;
    pthread_mutex_lock(&prev->mu);
    struct node *cur = prev->next;
    if (cur)
        pthread_mutex_lock(&cur->mu);
    while (cur && cur->key < key) {
        pthread_mutex_unlock(&prev->mu);
        prev = cur;
        cur = cur->next;
        if (cur)
            pthread_mutex_lock(&cur->mu);
    }
    n->next = cur;
    prev->next = n; // expect: data-race 'prev->next'
    if (cur)
        pthread_mutex_unlock(&cur->mu);
    pthread_mutex_unlock(&prev->mu);
}

static void erase_first(void)
{
    struct node *prev = &head;
    pthread_mutex_lock(&prev->mu);
    struct node *cur = prev->next; // expect: atomicity-violation 'prev->next'
    pthread_mutex_unlock(&prev->mu);
    if (!cur)
        return;
    pthread_mutex_lock(&prev->mu);
    prev->next = cur->next;
    pthread_mutex_unlock(&prev->mu);
}

static void *adder(void *arg)
{
    for (int i = 0; i < 100; i++)
        insert(i * 2 + (int)(long)arg);
    return NULL;
}

static void *remover(void *arg)
{
    for (int i = 0; i < 100; i++)
        erase_first();
    return arg;
}

int main(void)
{
    pthread_t t[4];
    for (long i = 0; i < 2; i++) {
        pthread_create(&t[2 * i], NULL, adder, (void *)i);
        pthread_create(&t[2 * i + 1], NULL, remover, (void *)i);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
