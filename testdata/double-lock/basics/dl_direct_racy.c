/*
 * dl_direct_racy.c - the same mutex locked twice by one thread: on the
 * error path of a worker the lock is taken again before the unlock.
 */
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter, errors;

static void *worker(void *arg) {
    long n = (long)arg;
    pthread_mutex_lock(&lock);
    counter += n;
    if (n < 0) {
        pthread_mutex_lock(&lock); // expect: double-lock 'lock'
        errors++;
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, (void *)(i - 1));
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return (int)(counter + errors);
}
