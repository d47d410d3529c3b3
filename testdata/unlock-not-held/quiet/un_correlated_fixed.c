/*
 * un_correlated_fixed.c - a lock taken and released under the same
 * condition: `if (v) lock; ... if (v) unlock;` is recognised as correlated
 * (the same test of the same value); `if (v > 1)` is not (only equality
 * tests are compared): the model sees an unlock not held on the path where
 * the condition was false (known false alarm). Through a helper, add(), it
 * is quiet: the call may take the lock.
 * A semaphore used as a lock and posted by another thread is quiet.
 */
#include <pthread.h>
#include <semaphore.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long shared_total;
static sem_t slot;

static long add(long v, int locked) {
    long local = v;
    if (locked) pthread_mutex_lock(&lock);
    local += v;
    if (locked) pthread_mutex_unlock(&lock);
    return local;
}

static void *worker(void *arg) {
    long v = (long)arg;
    add(v, 1);
    if (v) pthread_mutex_lock(&lock);
    if (v) shared_total += v; // known-false-alarm: data-race 'shared_total'
    if (v) pthread_mutex_unlock(&lock);
    if (v > 1) pthread_mutex_lock(&lock);
    if (v > 1) shared_total -= v;
    if (v > 1) pthread_mutex_unlock(&lock); // known-false-alarm: unlock-not-held 'lock'
    sem_wait(&slot);
    return NULL;
}

int main(void) {
    sem_init(&slot, 0, 1);
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    sem_post(&slot);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
