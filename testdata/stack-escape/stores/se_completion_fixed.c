/*
 * se_completion_fixed.c - synchronous requests built on the caller's stack:
 * call() queues the address of its local request and waits, under the
 * queue's lock, until the worker marks it done; the worker's last use of
 * the request is that mark. A second client waits on a semaphore inside
 * the request instead (`sem_wait(&r.finished)` in a loop testing r.ok).
 *
 * TRUTH: no stack escape - each frame outlives the worker's use of its
 * local (the completion wait comes before every return). The request's
 * fields are written and read under the queue lock, or ordered by the
 * semaphore: no data race either.
 */
// expect-no-findings
#include <pthread.h>
#include <semaphore.h>

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
        r->out = (long)r->in * 3;
        r->done = 1; /* the worker's last use of *r */
        pthread_cond_broadcast(&finished);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

static long call(int in) {
    struct request r = {in, 0, 0};
    long out = -1;
    pthread_mutex_lock(&lock);
    while (pending) pthread_cond_wait(&finished, &lock);
    pending = &r;
    pthread_cond_signal(&more);
    while (!r.done) pthread_cond_wait(&finished, &lock);
    out = r.out;
    pthread_mutex_unlock(&lock);
    return out;
}

struct job {
    int arg;
    int ok;
    sem_t finished;
};

static struct job *inbox;
static sem_t inbox_full;

static void *runner(void *arg) {
    (void)arg;
    sem_wait(&inbox_full);
    struct job *j = inbox;
    j->ok = j->arg > 0;
    sem_post(&j->finished);
    return NULL;
}

static int run_job(int arg) {
    struct job j;
    j.arg = arg;
    j.ok = -1;
    sem_init(&j.finished, 0, 0);
    inbox = &j;
    sem_post(&inbox_full);
    do
        sem_wait(&j.finished);
    while (j.ok < 0);
    sem_destroy(&j.finished);
    return j.ok;
}

int main(void) {
    pthread_t w, r;
    sem_init(&inbox_full, 0, 0);
    pthread_create(&w, NULL, worker, NULL);
    pthread_create(&r, NULL, runner, NULL);
    long s = call(1) + call(2) + run_job(5);
    pthread_mutex_lock(&lock);
    quit = 1;
    pthread_cond_broadcast(&more);
    pthread_mutex_unlock(&lock);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    return (int)s;
}
