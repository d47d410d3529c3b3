/*
 * cv_pool_fixed.c - cv_pool_racy.c fixed: `while` around both waits. Also
 * a worker that holds the queue lock across its whole loop and waits under
 * `if`: going round the loop comes back to the `if` without releasing the
 * lock, but `lines--` runs first after a wake-up without re-testing
 * `lines` (a known miss until the loop's way back stopped counting as a
 * re-check for a wait under an `if` of the loop's body).
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

static pthread_mutex_t lmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t lcv = PTHREAD_COND_INITIALIZER;
static int lines, log_stop;

static void *worker(void *arg) {
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&qmu);
        while (!head && !stop) pthread_cond_wait(&qcv, &qmu);
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
    while (!replied) pthread_cond_wait(&reply_cv, &rmu);
    pthread_mutex_unlock(&rmu);
    return NULL;
}

static void *log_writer(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lmu);
    for (;;) {
        if (!lines && !log_stop) pthread_cond_wait(&lcv, &lmu); // expect: condvar-wait-not-in-loop 'lcv'
        if (log_stop) break;
        lines--;
    }
    pthread_mutex_unlock(&lmu);
    return NULL;
}

int main(void) {
    pthread_t w[2], h, l;
    for (int i = 0; i < 2; i++) pthread_create(&w[i], NULL, worker, NULL);
    pthread_create(&h, NULL, handler, NULL);
    pthread_create(&l, NULL, log_writer, NULL);
    pthread_join(h, NULL);
    pthread_mutex_lock(&qmu);
    stop = 1;
    pthread_cond_broadcast(&qcv);
    pthread_mutex_unlock(&qmu);
    pthread_mutex_lock(&lmu);
    lines++;
    log_stop = 1;
    pthread_cond_signal(&lcv);
    pthread_mutex_unlock(&lmu);
    for (int i = 0; i < 2; i++) pthread_join(w[i], NULL);
    pthread_join(l, NULL);
    return 0;
}
