// expect-no-findings
/*
 * alloc_ctor_links_fixed.c - a chain of counters built by a constructor,
 * `new_node(next)`, as in alloc_ctor_links_racy.c; the walkers bump the
 * successor's count only after taking the successor's own lock.
 *
 * TRUTH: no race: every write of a node's count holds that node's lock.
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
        n->count++;
        pthread_mutex_unlock(&n->lock);
        if (n->next) {
            pthread_mutex_lock(&n->next->lock);
            n->next->count++;
            pthread_mutex_unlock(&n->next->lock);
        }
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
