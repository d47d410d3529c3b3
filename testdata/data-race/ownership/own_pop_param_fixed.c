// expect-no-findings
/*
 * own_pop_param_fixed.c - pop functions that take the queue as a
 * parameter: one qget()/qput() pair serves two queues, each with its own
 * lock inside (`q->m`), and a two-stage pipeline moves items from the
 * first queue to the second.
 *
 * - main fills items in and queues them on q1 through qput(&q1, ..);
 * - stage1 takes them off q1 with qget(&q1) (lock q->m, take the head,
 *   unlink it, unlock: a pop function whose lock each call names), squares
 *   the value without a lock and queues the item on q2;
 * - stage2 takes them off q2, reads and frees them.
 *
 * TRUTH: no race: an item is touched by main before it is linked, by
 * stage1 between its pop from q1 and its push on q2, and by stage2 after
 * its pop from q2.
 *
 * `next` links an item into q1 and then into q2 (the link field shared by
 * two queues of own_pop_fixed.c): main's write while linking it into q1
 * comes before qput() publishes it (`q->head = it`), so it does not race
 * with stage2's read while taking it off q2 (a known false alarm until the
 * publication dataflow followed a fresh object into the function that
 * publishes it).
 */
#include <pthread.h>
#include <stdlib.h>

struct item { int v; long sq; struct item *next; };
struct queue { pthread_mutex_t m; pthread_cond_t c; struct item *head; int closed; };

static struct queue q1 = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, 0};
static struct queue q2 = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, 0};

static void qput(struct queue *q, struct item *it)
{
    pthread_mutex_lock(&q->m);
    it->next = q->head;
    q->head = it;
    pthread_cond_signal(&q->c);
    pthread_mutex_unlock(&q->m);
}

static void qclose(struct queue *q)
{
    pthread_mutex_lock(&q->m);
    q->closed = 1;
    pthread_cond_broadcast(&q->c);
    pthread_mutex_unlock(&q->m);
}

static struct item *qget(struct queue *q)
{
    pthread_mutex_lock(&q->m);
    while (!q->head && !q->closed)
        pthread_cond_wait(&q->c, &q->m);
    struct item *it = q->head;
    if (it)
        q->head = it->next;
    pthread_mutex_unlock(&q->m);
    return it;
}

static void *stage1(void *arg)
{
    struct item *it;
    while ((it = qget(&q1))) {
        it->sq = (long)it->v * it->v;
        qput(&q2, it);
    }
    qclose(&q2);
    return arg;
}

static void *stage2(void *arg)
{
    long sum = 0;
    struct item *it;
    while ((it = qget(&q2))) {
        sum += it->sq + it->v;
        it->v = -1;
        free(it);
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, stage1, NULL);
    pthread_create(&b, NULL, stage2, NULL);
    for (int i = 0; i < 10; i++) {
        struct item *it = malloc(sizeof *it);
        it->v = i;
        it->sq = 0;
        qput(&q1, it);
    }
    qclose(&q1);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
