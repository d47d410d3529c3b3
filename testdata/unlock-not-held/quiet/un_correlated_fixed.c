/*
 * un_correlated_fixed.c - a lock taken and released under the same
 * condition: correct, but the model does not follow conditions and sees an
 * unlock not held on the path where the condition was false (known false
 * alarm). A semaphore used as a lock and posted by another thread is quiet.
 */
#include <pthread.h>
#include <semaphore.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long shared_total;
static sem_t slot;

static long add(long v, int locked) {
    long local = v;
    if (locked) pthread_mutex_lock(&lock);
    if (locked) shared_total += v; // known-false-alarm: data-race 'shared_total'
    if (locked) pthread_mutex_unlock(&lock); // known-false-alarm: unlock-not-held 'lock'
    return local;
}

static void *worker(void *arg) {
    add((long)arg, 1);
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
