/*
 * own_pop_param_racy.c - the pipeline of own_pop_param_fixed.c with
 * ownership broken:
 * - stage1 writes the item after it handed it on to q2 (`it->sq` after
 *   qput(&q2, it)): stage2 may already own it;
 * - qpeek() returns the head without unlinking it: both stages look at
 *   the first item of q3 and count it.
 *
 * TRUTH: races on it->sq (stage1's late write against stage2) and on
 * it->seen (both stages' increments through qpeek()).
 */
#include <pthread.h>
#include <stdlib.h>

struct item { int v; long sq; int seen; struct item *next; };
struct queue { pthread_mutex_t m; struct item *head; };

static struct queue q1 = {PTHREAD_MUTEX_INITIALIZER, NULL};
static struct queue q2 = {PTHREAD_MUTEX_INITIALIZER, NULL};
static struct queue q3 = {PTHREAD_MUTEX_INITIALIZER, NULL};

static void qput(struct queue *q, struct item *it)
{
    pthread_mutex_lock(&q->m);
    it->next = q->head;
    q->head = it;
    pthread_mutex_unlock(&q->m);
}

static struct item *qget(struct queue *q)
{
    pthread_mutex_lock(&q->m);
    struct item *it = q->head;
    if (it)
        q->head = it->next;
    pthread_mutex_unlock(&q->m);
    return it;
}

static struct item *qpeek(struct queue *q)
{
    pthread_mutex_lock(&q->m);
    struct item *it = q->head;
    pthread_mutex_unlock(&q->m);
    return it;
}

static void *stage1(void *arg)
{
    struct item *it;
    while ((it = qget(&q1))) {
        qput(&q2, it);
        it->sq = (long)it->v * it->v; // expect: data-race 'it->sq'
    }
    if ((it = qpeek(&q3)))
        it->seen++; // expect: data-race 'it->seen'
    return arg;
}

static void *stage2(void *arg)
{
    long sum = 0;
    struct item *it;
    while ((it = qget(&q2)))
        sum += it->sq;
    if ((it = qpeek(&q3)))
        it->seen++;
    return (void *)sum;
}

int main(void)
{
    pthread_t a, b;
    for (int i = 0; i < 10; i++) {
        struct item *it = calloc(1, sizeof *it);
        it->v = i;
        qput(i < 8 ? &q1 : &q3, it);
    }
    pthread_create(&a, NULL, stage1, NULL);
    pthread_create(&b, NULL, stage2, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
