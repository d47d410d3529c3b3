// expect-no-findings
/*
 * ll_thread_exit_fixed.c - ll_thread_exit_racy.c's workers unlocking
 * before they end their thread, and a thread that exits holding no lock.
 */
#include <pthread.h>
#include <threads.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static mtx_t cm;
static int served, steps;

static void *worker(void *arg) {
    pthread_mutex_lock(&m);
    served++;
    if (served > 10) {
        pthread_mutex_unlock(&m);
        pthread_exit(NULL);
    }
    pthread_mutex_unlock(&m);
    return arg;
}

static int stepper(void *arg) {
    mtx_lock(&cm);
    int bad = ++steps < 0;
    mtx_unlock(&cm);
    if (bad)
        thrd_exit(1);
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
