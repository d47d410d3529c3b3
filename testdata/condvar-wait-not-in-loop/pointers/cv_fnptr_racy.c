/*
 * cv_fnptr_racy.c - a pluggable "wait strategy" called through a function
 * pointer; the blocking strategy waits once.
 */
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int done;

static void wait_blocking(void) {
    pthread_mutex_lock(&mu);
    if (!done) pthread_cond_wait(&cv, &mu); // expect: condvar-wait-not-in-loop 'cv'
    pthread_mutex_unlock(&mu);
}

static void (*wait_strategy)(void) = wait_blocking;

static void *waiter(void *arg) {
    (void)arg;
    wait_strategy();
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    pthread_mutex_lock(&mu);
    done = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    return 0;
}
