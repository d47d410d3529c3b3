/* queue.h - a locked work queue; queue_size is a header function that
 * every unit including it lowers (racecheck extract keeps one per unit). */
#ifndef QUEUE_H
#define QUEUE_H
#include <pthread.h>

struct queue {
    pthread_mutex_t lock;
    int items[64];
    int head, tail;
};

extern struct queue jobs;

static inline int queue_size(struct queue *q) {
    return q->tail - q->head;
}

void queue_push(struct queue *q, int v);
int queue_pop(struct queue *q);

void *worker(void *arg);
void stats_add(int n);
int stats_total(void);
void legacy_note(int v);
void fast_path(void);
#endif
