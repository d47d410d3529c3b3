// expect-no-findings
/*
 * av_hand_over_hand_fixed.c - a sorted list with a lock in every node,
 * traversed hand over hand: holding prev's lock, lock cur, then release
 * prev's and move on (`prev = cur`). The remover reads `prev->next` under
 * the first node's lock and, after the walk, unlinks with `prev->next =
 * cur->next` - a write-back of that read. Its lock was released in
 * between only on the paths that moved `prev` on to another node, so the
 * write goes to a node whose lock has been held since its own `next` was
 * read.
 *
 * TRUTH: no lost update: on every path, `prev->next` is written in the
 * region of `prev->mu` in which it was read.
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
    prev->next = n;
    if (cur)
        pthread_mutex_unlock(&cur->mu);
    pthread_mutex_unlock(&prev->mu);
}

static void erase(int key)
{
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
    if (cur && cur->key == key) {
        prev->next = cur->next;
        pthread_mutex_unlock(&cur->mu);
        pthread_mutex_unlock(&prev->mu);
        pthread_mutex_destroy(&cur->mu);
        free(cur);
        return;
    }
    if (cur)
        pthread_mutex_unlock(&cur->mu);
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
        erase(i * 2 + (int)(long)arg);
    return NULL;
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
