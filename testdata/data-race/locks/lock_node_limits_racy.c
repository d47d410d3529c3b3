/*
 * lock_node_limits_racy.c - known limits of per-object locks.
 *
 * 1. The pointer a held lock was named through is written while the lock
 *    is held (`lock(&n->lock); n = n->next; n->data++`): the lock is still
 *    known as `n->lock` and pairs with the new n's data. TRUTH: a real race
 *    on node.data (the other worker holds the next node's lock). KNOWN
 *    MISS: the lockset does not forget a lock when the local it is named
 *    through is written (that belongs in the flow pass, flow.c).
 * 2. An array of structs allocated once on the heap (`calloc(16, ...)`),
 *    elements reached through two element pointers (`lock(&p->m); q->v++`):
 *    the heap object is one object for the model, so p->m counts as one
 *    lock. TRUTH: a real race on elem.v. KNOWN MISS: the allocation's
 *    element count is not looked at (a global array is, by its type).
 * 3. Hand-over-hand locking (`lock(&next->lock); unlock(&cur->lock); cur =
 *    next;`): the lock taken as next->lock is known as cur->lock after the
 *    copy too (flow.c, alias_held). TRUTH: no race on node.hits, and the
 *    final unlock holds the lock (both were known false alarms before).
 */
#include <pthread.h>
#include <stdlib.h>

struct node {
    pthread_mutex_t lock;
    long data;
    long hits;
    struct node *next;
};

struct elem {
    pthread_mutex_t m;
    long v;
};

static struct node *head;
static struct elem *arr;

static void *worker(void *arg)
{
    long id = (long)arg;

    for (int k = 0; k < 100; k++) {
        struct node *n = head;
        while (n && n->next) {
            pthread_mutex_lock(&n->lock);
            n = n->next;
            n->data++; // known-miss: data-race 'data'
            pthread_mutex_unlock(&n->lock);
        }
        int i = (int)((id * 7 + k) % 16);
        struct elem *p = &arr[i], *q = &arr[(i + 1) % 16];
        pthread_mutex_lock(&p->m);
        q->v++; // known-miss: data-race 'v'
        pthread_mutex_unlock(&p->m);
    }
    struct node *cur = head;
    pthread_mutex_lock(&cur->lock);
    while (cur->next) {
        struct node *next = cur->next;
        pthread_mutex_lock(&next->lock);
        cur->hits++;
        pthread_mutex_unlock(&cur->lock);
        cur = next;
    }
    cur->hits++;
    pthread_mutex_unlock(&cur->lock);
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
    arr = calloc(16, sizeof *arr);
    if (!arr)
        return 1;
    for (int i = 0; i < 16; i++)
        pthread_mutex_init(&arr[i].m, NULL);
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
