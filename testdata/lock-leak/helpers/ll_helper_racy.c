/*
 * ll_helper_racy.c - the lock is taken by a helper that returns locked
 * (on every path: fine) and the caller leaves through an early return
 * without the matching unlock helper.
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
    if (q->n == 16)
        return -1; // expect: lock-leak 'q->mu'
    q->items[q->n++] = v;
    queue_unlock(q);
    return 0;
}

static void *producer(void *arg) {
    return (void *)(long)queue_push(arg, 1);
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
