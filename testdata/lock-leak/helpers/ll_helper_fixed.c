// expect-no-findings
/*
 * ll_helper_fixed.c - lock-acquiring helpers used right: queue_lock returns
 * locked on every path and its callers unlock; queue_find_locked returns
 * the slot with the lock held, or NULL with it released (a conditional
 * acquire), and its caller unlocks when it got a slot; queue_lock_checked
 * returns the lock call's status and its caller returns early when it
 * failed (nginx's ngx_thread_mutex_lock).
 */
#include <pthread.h>
#include <stdlib.h>

struct queue {
    pthread_mutex_t mu;
    int items[16];
    int n;
};

static void queue_lock(struct queue *q) { pthread_mutex_lock(&q->mu); }
static void queue_unlock(struct queue *q) { pthread_mutex_unlock(&q->mu); }

static int queue_push(struct queue *q, int v) {
    queue_lock(q);
    if (q->n == 16) {
        queue_unlock(q);
        return -1;
    }
    q->items[q->n++] = v;
    queue_unlock(q);
    return 0;
}

/* nginx's ngx_thread_mutex_lock: a status for the lock call */
static int queue_lock_checked(struct queue *q) {
    int err = pthread_mutex_lock(&q->mu);
    if (err == 0) return 0;
    return -1;
}

static int queue_pop(struct queue *q) {
    if (queue_lock_checked(q) != 0)
        return -1;
    int v = q->n ? q->items[--q->n] : -1;
    queue_unlock(q);
    return v;
}

static int *queue_find_locked(struct queue *q, int v) {
    pthread_mutex_lock(&q->mu);
    for (int i = 0; i < q->n; i++)
        if (q->items[i] == v) return &q->items[i];
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

static void *producer(void *arg) {
    struct queue *q = arg;
    queue_push(q, 1);
    queue_pop(q);
    int *slot = queue_find_locked(q, 1);
    if (slot) pthread_mutex_unlock(&q->mu);
    return NULL;
}

int main(void) {
    struct queue *q = calloc(1, sizeof *q);
    pthread_mutex_init(&q->mu, NULL);
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, producer, q);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    free(q);
    return 0;
}
