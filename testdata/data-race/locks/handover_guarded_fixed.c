// expect-no-findings
/*
 * handover_guarded_fixed.c - hand-over-hand walks down a NULL-terminated
 * list: the next node is locked only when there is one (`if (cur)
 * lock(&cur->mu)`), before the previous one is released, and the walk
 * moves on with `prev = cur; cur = cur->next;`. Every `cur->count++`
 * happens while cur->mu is held.
 *
 * TRUTH: no race: a node's count is touched only under its own lock.
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
        cur->count++;
        prev = cur;
        cur = cur->next;
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
