// expect-no-findings
/*
 * cv_helper_fixed.c - cv_helper_racy.c fixed: the helper loops, with the
 * predicate itself in another helper (`queue_empty`).
 */
#include <pthread.h>
#include <stdlib.h>

struct queue {
    pthread_mutex_t mu;
    pthread_cond_t nonempty;
    int n;
};

static int queue_empty(const struct queue *q) { return q->n == 0; }

static void wait_for_job(struct queue *q) {
    while (queue_empty(q)) pthread_cond_wait(&q->nonempty, &q->mu);
}

static void *worker(void *arg) {
    struct queue *q = arg;
    pthread_mutex_lock(&q->mu);
    wait_for_job(q);
    q->n--;
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

int main(void) {
    struct queue *q = calloc(1, sizeof *q);
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->nonempty, NULL);
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, q);
    pthread_mutex_lock(&q->mu);
    q->n += 2;
    pthread_cond_broadcast(&q->nonempty);
    pthread_mutex_unlock(&q->mu);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    free(q);
    return 0;
}
