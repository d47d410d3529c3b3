/*
 * dl_loop_continue_racy.c - a polling consumer takes the queue's lock at
 * the top of its loop, but its empty-queue path goes round again with
 * `continue` without unlocking: the next iteration locks the default
 * mutex its thread already holds (it waits for itself).
 *
 * TRUTH: a double lock at the loop's lock call.
 */
#include <pthread.h>

static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static int q_len = 100, closed;

static void *consumer(void *arg) {
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&q_lock); // expect: double-lock 'q_lock'
        if (q_len == 0) {
            if (closed) {
                pthread_mutex_unlock(&q_lock);
                break;
            }
            continue; /* still holding q_lock */
        }
        q_len--;
        pthread_mutex_unlock(&q_lock);
    }
    return NULL;
}

int main(void) {
    pthread_t c[2];
    for (int i = 0; i < 2; i++) pthread_create(&c[i], NULL, consumer, NULL);
    pthread_mutex_lock(&q_lock);
    closed = 1;
    pthread_mutex_unlock(&q_lock);
    for (int i = 0; i < 2; i++) pthread_join(c[i], NULL);
    return 0;
}
