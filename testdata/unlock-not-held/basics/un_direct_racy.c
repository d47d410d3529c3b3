/*
 * un_direct_racy.c - the lock is taken on one branch only and released on
 * every path; and a double unlock after an early release.
 */
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long total, slow;

static void *worker(void *arg) {
    long n = (long)arg;
    if (n > 0) {
        pthread_mutex_lock(&lock);
        total += n;
    }
    pthread_mutex_unlock(&lock); // expect: unlock-not-held 'lock'
    pthread_mutex_lock(&lock);
    slow++;
    pthread_mutex_unlock(&lock);
    if (n > 1) pthread_mutex_unlock(&lock); // expect: unlock-not-held 'lock'
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
