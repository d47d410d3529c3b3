// expect-no-findings
/*
 * cv_wrapper_fixed.c - a project's own wait wrapper forwarding its
 * parameters (nginx's ngx_thread_cond_wait), called in a `while` loop that
 * re-checks the predicate: the wait is judged at the wrapper's calls.
 */
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready;

static int my_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) {
    return pthread_cond_wait(c, m);
}

static void *waiter(void *arg) {
    (void)arg;
    pthread_mutex_lock(&mu);
    while (!ready)
        if (my_cond_wait(&cv, &mu) != 0) break;
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
