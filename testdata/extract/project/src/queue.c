/* queue.c - the locked queue. */
#include "queue.h"

void queue_push(struct queue *q, int v) {
    pthread_mutex_lock(&q->lock);
    q->items[q->tail++ % 64] = v;
    pthread_mutex_unlock(&q->lock);
}

int queue_pop(struct queue *q) {
    int v = -1;
    pthread_mutex_lock(&q->lock);
    if (queue_size(q) > 0) v = q->items[q->head++ % 64]; // expect: data-race 'head'
    pthread_mutex_unlock(&q->lock);
    return v;
}
