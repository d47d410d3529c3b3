/*
 * sem_mutex_racy.c - a semaphore initialised to 1 used as a lock: the
 * counter it guards is safe, the one updated after sem_post is not.
 */
#include <pthread.h>
#include <semaphore.h>
static sem_t lock;
static int counter;
static int other;
static void *worker(void *arg) {
    (void)arg;
    sem_wait(&lock);
    counter++;
    sem_post(&lock);
    other++; // expect: data-race 'other'
    return NULL;
}
int main(void) {
    pthread_t t[4];
    sem_init(&lock, 0, 1);
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    return counter + other;
}
