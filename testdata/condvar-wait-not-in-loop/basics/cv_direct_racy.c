/*
 * cv_direct_racy.c - a consumer waits once under `if`: a spurious or stolen
 * wake-up lets it take from an empty slot.
 */
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static int has_value;
static long value;

static void *consumer(void *arg) {
    (void)arg;
    pthread_mutex_lock(&mu);
    if (!has_value)
        pthread_cond_wait(&ready, &mu); // expect: condvar-wait-not-in-loop 'ready'
    long v = value;
    has_value = 0;
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
