/*
 * un_logger_racy.c - a logger whose flush path unlocks twice (the early
 * flush releases the lock, then the common exit releases it again), and a
 * worker pool whose shutdown path unlocks the queue lock it never took.
 * The logger's double unlock is reported though log_msg is a helper its
 * callers could call holding log_mu: log_msg locks log_mu itself, and
 * unlocks it twice on the flush path.
 * After the early flush, the memcpy into buf runs without the lock: a race
 * on buf with the other callers' copies (memcpy writes its destination).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static char buf[128];
static size_t len;

static pthread_mutex_t q_mu = PTHREAD_MUTEX_INITIALIZER;
static int jobs, stopping;

static void log_msg(const char *m) {
    size_t n = strlen(m);
    pthread_mutex_lock(&log_mu);
    if (len + n > sizeof buf) {
        fwrite(buf, 1, len, stderr);
        len = 0; // expect: data-race 'len'
        pthread_mutex_unlock(&log_mu);
    }
    if (n <= sizeof buf) {
        memcpy(buf + len, m, n); // expect: data-race 'buf'
        len += n;
    }
    pthread_mutex_unlock(&log_mu); // expect: unlock-not-held 'log_mu'
}

static void *worker(void *arg) {
    (void)arg;
    for (;;) {
        if (stopping) {
            pthread_mutex_unlock(&q_mu); // expect: unlock-not-held 'q_mu'
            break;
        }
        pthread_mutex_lock(&q_mu);
        if (jobs > 0) jobs--;
        pthread_mutex_unlock(&q_mu);
        log_msg("job\n");
    }
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    stopping = 0; /* ready for a next run (a flag never written would be 0 all run long: its branch dead) */
    return 0;
}
