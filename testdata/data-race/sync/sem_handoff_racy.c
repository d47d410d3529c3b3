/*
 * sem_handoff_racy.c - a worker writes x and y, then posts a semaphore
 * initialised to 0; main waits on it and reads both. The writes before the
 * post happen before main's reads (no race on x); the write to y after the
 * post races with main's read.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
static sem_t ready;
static int x;
static int y;
static void *worker(void *arg) {
    (void)arg;
    x = 42;
    y = 1;
    sem_post(&ready);
    y = 2; // expect: data-race 'y'
    return NULL;
}
int main(void) {
    pthread_t t;
    sem_init(&ready, 0, 0);
    pthread_create(&t, NULL, worker, NULL);
    sem_wait(&ready);
    printf("%d %d\n", x, y);
    pthread_join(t, NULL);
    return 0;
}
