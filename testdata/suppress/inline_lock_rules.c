/*
 * inline_lock_rules.c - racecheck-ignore for the lock rules: a reviewed
 * double lock and a reviewed wait under `if` are suppressed on their
 * primary lines; the lock leak carries a suppression for another rule and
 * is still reported (a suppression names its rule).
 */
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long counter;
static int ready;

static int bump(long n) {
    pthread_mutex_lock(&lock);
    if (n < 0) {
        pthread_mutex_lock(&lock); // racecheck-ignore[double-lock]: the error path aborts first in production
        counter--;
    }
    if (n == 0)
        return -1; // expect: lock-leak 'lock' racecheck-ignore[double-lock]: wrong rule, still reported
    counter += n;
    pthread_mutex_unlock(&lock);
    return 0;
}

static void *worker(void *arg) {
    bump((long)arg);
    pthread_mutex_lock(&lock);
    // racecheck-ignore[condvar-wait-not-in-loop]: one waiter, one signal, reviewed
    if (!ready) pthread_cond_wait(&cv, &lock);
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    pthread_mutex_lock(&lock);
    ready = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
