/*
 * cv_pool_racy.c - a worker pool whose workers loop forever, but the wait
 * for a job is an `if` inside that loop: after a wake-up the worker takes
 * from the queue without re-testing it (the outer loop releases the lock
 * and starts over only after the job is taken). A request handler that
 * waits for its reply under `if` is the same bug.
 */
#include <pthread.h>
#include <stdlib.h>

struct job { struct job *next; };
static pthread_mutex_t qmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qcv = PTHREAD_COND_INITIALIZER;
static struct job *head;
static int stop;

static pthread_mutex_t rmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t reply_cv = PTHREAD_COND_INITIALIZER;
static int replied;

static void *worker(void *arg) {
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&qmu);
        if (!head && !stop) pthread_cond_wait(&qcv, &qmu); // expect: condvar-wait-not-in-loop 'qcv'
        if (stop) {
            pthread_mutex_unlock(&qmu);
            break;
        }
        struct job *j = head;
        head = j->next;
        pthread_mutex_unlock(&qmu);
        free(j);
        pthread_mutex_lock(&rmu);
        replied = 1;
        pthread_cond_signal(&reply_cv);
        pthread_mutex_unlock(&rmu);
    }
    return NULL;
}

static void *handler(void *arg) {
    (void)arg;
    struct job *j = calloc(1, sizeof *j);
    pthread_mutex_lock(&qmu);
    j->next = head;
    head = j;
    pthread_cond_signal(&qcv);
    pthread_mutex_unlock(&qmu);
    pthread_mutex_lock(&rmu);
    if (!replied) pthread_cond_wait(&reply_cv, &rmu); // expect: condvar-wait-not-in-loop 'reply_cv'
    pthread_mutex_unlock(&rmu);
    return NULL;
}

int main(void) {
    pthread_t w[2], h;
    for (int i = 0; i < 2; i++) pthread_create(&w[i], NULL, worker, NULL);
    pthread_create(&h, NULL, handler, NULL);
    pthread_join(h, NULL);
    pthread_mutex_lock(&qmu);
    stop = 1;
    pthread_cond_broadcast(&qcv);
    pthread_mutex_unlock(&qmu);
    for (int i = 0; i < 2; i++) pthread_join(w[i], NULL);
    return 0;
}
