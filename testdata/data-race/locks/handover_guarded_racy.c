/*
 * handover_guarded_racy.c - handover_guarded_fixed.c's walk, but the next
 * node's lock is taken after the count is updated: `prev = cur; cur =
 * cur->next;` moves on first, then `cur->count++` runs before
 * `if (cur) lock(&cur->mu)`.
 *
 * TRUTH: a race on count: the node is updated before its lock is taken.
 */
#include <pthread.h>

struct node {
    int count;
    struct node *next;
    pthread_mutex_t mu;
};

static struct node n3 = {0, 0, PTHREAD_MUTEX_INITIALIZER};
static struct node n2 = {0, &n3, PTHREAD_MUTEX_INITIALIZER};
static struct node n1 = {0, &n2, PTHREAD_MUTEX_INITIALIZER};
static struct node head = {0, &n1, PTHREAD_MUTEX_INITIALIZER};

static void *walker(void *arg)
{
    struct node *prev = &head;
    pthread_mutex_lock(&prev->mu);
    struct node *cur = prev->next;
    if (cur)
        pthread_mutex_lock(&cur->mu);
    while (cur) {
        pthread_mutex_unlock(&prev->mu);
        prev = cur;
        cur = cur->next;
        if (cur)
            cur->count++; // expect: data-race 'cur->count'
        if (cur)
            pthread_mutex_lock(&cur->mu);
    }
    pthread_mutex_unlock(&prev->mu);
    return arg;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, 0, walker, 0);
    pthread_create(&b, 0, walker, 0);
    pthread_join(a, 0);
    pthread_join(b, 0);
    return n1.count + n2.count + n3.count;
}
