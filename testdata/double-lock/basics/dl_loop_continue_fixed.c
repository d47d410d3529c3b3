/*
 * dl_loop_continue_fixed.c - consumers that take a queue's lock at the top
 * of their loop and let go of it on every way back: the empty-queue path
 * unlocks before `continue`, a retry loop unlocks before `goto` back, and
 * a loop over a lock array takes a different element each iteration.
 *
 * TRUTH: no double lock, no race.
 */
// expect-no-findings
#include <pthread.h>
#include <sched.h>

#define NQ 4

static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static int q_len = 100, closed;
static pthread_mutex_t part_lock[NQ];
static long part_count[NQ];

static void *consumer(void *arg) {
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&q_lock);
        if (q_len == 0) {
            int done = closed;
            pthread_mutex_unlock(&q_lock);
            if (done) break;
            sched_yield();
            continue;
        }
        q_len--;
        pthread_mutex_unlock(&q_lock);
    }
    return NULL;
}

static void *counter(void *arg) {
    (void)arg;
    for (int k = 0; k < 10; k++)
        for (int j = 0; j < NQ; j++) { /* one element each time round */
            pthread_mutex_lock(&part_lock[j]);
            part_count[j]++;
            pthread_mutex_unlock(&part_lock[j]);
        }
    return NULL;
}

int main(void) {
    pthread_t c[2], n;
    for (int j = 0; j < NQ; j++) pthread_mutex_init(&part_lock[j], NULL);
    for (int i = 0; i < 2; i++) pthread_create(&c[i], NULL, consumer, NULL);
    pthread_create(&n, NULL, counter, NULL);
    pthread_mutex_lock(&q_lock);
    closed = 1;
    pthread_mutex_unlock(&q_lock);
    for (int i = 0; i < 2; i++) pthread_join(c[i], NULL);
    pthread_join(n, NULL);
    return 0;
}
