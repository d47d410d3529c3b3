/*
 * condvar_handshake_racy.c - the producer sets data and the ready flag under
 * the mutex and signals; main waits for the flag in a while loop, unlocks,
 * then reads data outside the lock: ordered by the handshake. The write to
 * `late` after the producer released the mutex races with main's read.
 */
#include <pthread.h>
#include <stdio.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int ready;
static int data;
static int late;
static void *producer(void *arg) {
    (void)arg;
    pthread_mutex_lock(&m);
    data = 42;
    ready = 1;
    pthread_cond_signal(&c);
    pthread_mutex_unlock(&m);
    late = 1; // expect: data-race 'late'
    return NULL;
}
int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, producer, NULL);
    pthread_mutex_lock(&m);
    while (!ready) pthread_cond_wait(&c, &m);
    pthread_mutex_unlock(&m);
    printf("%d %d\n", data, late);
    pthread_join(t, NULL);
    return 0;
}
