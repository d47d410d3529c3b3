/*
 * ll_thread_exit_racy.c - a worker that ends its thread with the lock
 * held: pthread_exit in the middle of the locked region (on a limit) and
 * C11's thrd_exit after a failed step. The mutex is never unlocked, and
 * the next worker to lock it waits forever; the workers' normal returns
 * release it.
 *
 * TRUTH: two lock-leaks, at the two exits.
 */
#include <pthread.h>
#include <threads.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static mtx_t cm;
static int served, steps;

static void *worker(void *arg) {
    pthread_mutex_lock(&m);
    served++;
    if (served > 10)
        pthread_exit(NULL); // expect: lock-leak 'm'
    pthread_mutex_unlock(&m);
    return arg;
}

static int stepper(void *arg) {
    mtx_lock(&cm);
    if (++steps < 0)
        thrd_exit(1); // expect: lock-leak 'cm'
    mtx_unlock(&cm);
    return arg != NULL;
}

int main(void) {
    pthread_t a, b;
    thrd_t c, d;
    mtx_init(&cm, mtx_plain);
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    thrd_create(&c, stepper, NULL);
    thrd_create(&d, stepper, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    thrd_join(c, NULL);
    thrd_join(d, NULL);
    return 0;
}
