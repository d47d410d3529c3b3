// expect-no-findings
/*
 * cv_direct_fixed.c - cv_direct_racy.c fixed: the wait in `while`, and a
 * timed wait in a do-while loop that re-tests the flag.
 */
#include <pthread.h>
#include <time.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static int has_value;
static long value;

static void *consumer(void *arg) {
    (void)arg;
    pthread_mutex_lock(&mu);
    while (!has_value)
        pthread_cond_wait(&ready, &mu);
    long v = value;
    has_value = 0;
    pthread_mutex_unlock(&mu);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 1;
    pthread_mutex_lock(&mu);
    int rc = 0;
    do {
        if (has_value) break;
        rc = pthread_cond_timedwait(&ready, &mu, &ts);
    } while (rc == 0);
    pthread_mutex_unlock(&mu);
    return (void *)v;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, consumer, NULL);
    pthread_mutex_lock(&mu);
    value = 42;
    has_value = 1;
    pthread_cond_signal(&ready);
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    return 0;
}
