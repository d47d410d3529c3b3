/*
 * se_completion_racy.c - as se_completion_fixed.c, but the waits do not
 * always outlast the worker's use of the local request:
 *
 * - call_timed() gives up after a timeout (`break` out of its wait loop)
 *   and returns while the request may still be queued;
 * - call_once() waits for the request only on one path (`if (wait)`).
 *
 * TRUTH: both store the address of a local into the shared `pending`
 * while the worker may use it after the frame is gone (stack-escape at
 * the stores); call_once's read of r.out after the unlock, on the path
 * that did not wait, races with the worker's write (data race).
 */
#include <errno.h>
#include <pthread.h>
#include <time.h>

struct request {
    int in;
    long out;
    int done;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t more = PTHREAD_COND_INITIALIZER, finished = PTHREAD_COND_INITIALIZER;
static struct request *pending;
static int quit;

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lock);
    for (;;) {
        while (!pending && !quit) pthread_cond_wait(&more, &lock);
        if (!pending) break;
        struct request *r = pending;
        pending = NULL;
        r->out = (long)r->in * 3; // expect: data-race 'out'
        r->done = 1;
        pthread_cond_broadcast(&finished);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

static long call_timed(int in) {
    struct request r = {in, 0, 0};
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 1;
    pthread_mutex_lock(&lock);
    pending = &r; // expect: stack-escape 'r'
    pthread_cond_signal(&more);
    while (!r.done)
        if (pthread_cond_timedwait(&finished, &lock, &until) == ETIMEDOUT) break;
    long out = r.done ? r.out : -1;
    pthread_mutex_unlock(&lock);
    return out;
}

static long call_once(int in, int wait) {
    struct request r = {in, 0, 0};
    pthread_mutex_lock(&lock);
    pending = &r; // expect: stack-escape 'r'
    pthread_cond_signal(&more);
    if (wait)
        while (!r.done) pthread_cond_wait(&finished, &lock);
    pthread_mutex_unlock(&lock);
    return r.out;
}

int main(void) {
    pthread_t w;
    pthread_create(&w, NULL, worker, NULL);
    long s = call_timed(1) + call_once(2, 0);
    pthread_mutex_lock(&lock);
    quit = 1;
    pthread_cond_broadcast(&more);
    pthread_mutex_unlock(&lock);
    pthread_join(w, NULL);
    return (int)s;
}
