/*
 * cv_wrapper_racy.c - the project's wait wrapper called under `if`: the
 * wait (in the wrapper) is reported, since a call of the wrapper does not
 * re-check.
 */
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready;

static int my_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) {
    return pthread_cond_wait(c, m); // expect: condvar-wait-not-in-loop 'c'
}

static void *waiter(void *arg) {
    (void)arg;
    pthread_mutex_lock(&mu);
    if (!ready) my_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    pthread_mutex_lock(&mu);
    ready = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    return 0;
}
