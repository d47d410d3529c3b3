/*
 * spawn_under_lock_racy.c - the creator holds the mutex while it creates the
 * thread and keeps writing x under it; the thread reads x under the mutex: no
 * race on x. The creator writes y after unlocking while the thread reads it
 * under the mutex: race.
 */
#include <pthread.h>
#include <stdio.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int x, y;
static void *reader(void *arg) {
    (void)arg;
    pthread_mutex_lock(&m);
    printf("%d %d\n", x, y);
    pthread_mutex_unlock(&m);
    return NULL;
}
int main(void) {
    pthread_t t;
    pthread_mutex_lock(&m);
    pthread_create(&t, NULL, reader, NULL);
    x = 1;
    pthread_mutex_unlock(&m);
    y = 2; // expect: data-race 'y'
    pthread_join(t, NULL);
    return 0;
}
