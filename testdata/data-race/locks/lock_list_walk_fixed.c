// expect-no-findings
/*
 * lock_list_walk_fixed.c - every node of a list carries its own mutex. The
 * workers walk the list in a loop (`for (n = head; n; n = n->next)`) and
 * touch n->data holding n->lock; a tree walked down its left spine does the
 * same with t->lock and t->hits.
 *
 * TRUTH: no race. The lock and the data are reached through the same
 * pointer at the same time, so they belong to the same node, whichever
 * node it is. main builds both structures before the creates.
 */
#include <pthread.h>
#include <stdlib.h>

struct node {
    pthread_mutex_t lock;
    long data;
    struct node *next;
};

struct tnode {
    pthread_mutex_t lock;
    long hits;
    struct tnode *left, *right;
};

static struct node *head;
static struct tnode *root;

static struct tnode *make_tree(int depth)
{
    if (!depth)
        return NULL;
    struct tnode *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    pthread_mutex_init(&t->lock, NULL);
    t->left = make_tree(depth - 1);
    t->right = make_tree(depth - 1);
    return t;
}

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < 100; k++) {
        for (struct node *n = head; n; n = n->next) {
            pthread_mutex_lock(&n->lock);
            n->data++;
            pthread_mutex_unlock(&n->lock);
        }
        for (struct tnode *t = root; t; t = t->left) {
            pthread_mutex_lock(&t->lock);
            t->hits += 2;
            pthread_mutex_unlock(&t->lock);
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
    root = make_tree(4);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
