// expect-no-findings
/*
 * cv_if_body_fixed.c - waits under an `if` of a worker loop's body that do
 * re-check: the wait is followed by `continue` (redis's bio threads: `if
 * (listLength(jobs) == 0) { wait(..); continue; }`), or it is the `else`
 * of the work and the loop comes straight back to the test; the lock held
 * throughout.
 */
#include <pthread.h>
#include <time.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER, d = PTHREAD_COND_INITIALIZER;
static int jobs, quit, items, done;

static void *worker(void *arg) {
    pthread_mutex_lock(&m);
    while (!quit) {
        if (jobs == 0) {
            pthread_cond_wait(&c, &m);
            continue;
        }
        jobs--;
    }
    pthread_mutex_unlock(&m);
    return arg;
}

static void *taker(void *arg) {
    pthread_mutex_lock(&m);
    while (!done) {
        if (items > 0) {
            items--;
        } else {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_sec++;
            pthread_cond_timedwait(&d, &m, &ts);
        }
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
    done = 1;
    pthread_cond_broadcast(&c);
    pthread_cond_broadcast(&d);
    pthread_mutex_unlock(&m);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
