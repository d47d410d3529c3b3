/*
 * alloc_ctor_links_racy.c - a chain of counters built by a constructor,
 * `new_node(next)`, that allocates a node and stores its argument into
 * n->next. Two walkers visit every node under the node's own lock - and
 * also bump the successor's count while holding only the current node's
 * lock.
 *
 * TRUTH: a race on count: a walker writes n->next->count holding n->lock,
 * the other writes the same node's count holding that node's own lock.
 * The link exists only through the constructor's store: an allocation
 * wrapper's stores into the object it makes must reach the object its
 * call site names.
 */
#include <pthread.h>
#include <stdlib.h>

struct node {
    pthread_mutex_t lock;
    long count;
    struct node *next;
};

static struct node *new_node(struct node *next)
{
    struct node *n = malloc(sizeof *n);
    if (!n) abort();
    pthread_mutex_init(&n->lock, NULL);
    n->count = 0;
    n->next = next;
    return n;
}

static void *walker(void *arg)
{
    for (struct node *n = arg; n != NULL; n = n->next) {
        pthread_mutex_lock(&n->lock);
        n->count++; // expect: data-race 'n->count'
        if (n->next)
            n->next->count++;
        pthread_mutex_unlock(&n->lock);
    }
    return NULL;
}

int main(void)
{
    struct node *head = NULL;
    pthread_t a, b;
    for (int i = 0; i < 4; i++)
        head = new_node(head);
    pthread_create(&a, NULL, walker, head);
    pthread_create(&b, NULL, walker, head);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
