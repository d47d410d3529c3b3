/*
 * cv_if_body_racy.c - waits under an `if` of a worker loop's body, the
 * lock held throughout: after a wake-up the thread takes a job without
 * testing again that there is one (a spurious wake-up, or another worker
 * that took it first, makes `jobs` negative). The loop's own test (`quit`)
 * is not the wait's predicate; `for (;;)` with the take after the `if`.
 *
 * TRUTH: two waits that do not re-check their predicate.
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER, d = PTHREAD_COND_INITIALIZER;
static int jobs, quit, items;

static void *worker(void *arg) {
    pthread_mutex_lock(&m);
    while (!quit) {
        if (jobs == 0)
            pthread_cond_wait(&c, &m); // expect: condvar-wait-not-in-loop 'c'
        jobs--;
    }
    pthread_mutex_unlock(&m);
    return arg;
}

static void *taker(void *arg) {
    pthread_mutex_lock(&m);
    for (;;) {
        if (!items)
            pthread_cond_wait(&d, &m); // expect: condvar-wait-not-in-loop 'd'
        items--;
        if (items < -100)
            break;
    }
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, taker, NULL);
    pthread_mutex_lock(&m);
    jobs = 1;
    items = 1;
    quit = 1;
    pthread_cond_broadcast(&c);
    pthread_cond_broadcast(&d);
    pthread_mutex_unlock(&m);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
