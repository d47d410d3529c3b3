/*
 * cv_helper_racy.c - the wait sits in a helper (`wait_for_job`) that waits
 * once; its callers take a job as if one were there.
 */
#include <pthread.h>
#include <stdlib.h>

struct queue {
    pthread_mutex_t mu;
    pthread_cond_t nonempty;
    int n;
};

static void wait_for_job(struct queue *q) {
    if (q->n == 0) pthread_cond_wait(&q->nonempty, &q->mu); // expect: condvar-wait-not-in-loop 'nonempty'
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
