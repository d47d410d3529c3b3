/*
 * un_fnptr_racy.c - completion callbacks called through a pointer: the
 * "done" callback releases the request lock, and one path calls it without
 * having taken the lock.
 */
#include <pthread.h>

static pthread_mutex_t req_lock = PTHREAD_MUTEX_INITIALIZER;
static long completed;

static void done_unlock(long v) {
    completed += v; // expect: data-race 'completed'
    pthread_mutex_unlock(&req_lock); // expect: unlock-not-held 'req_lock'
}

static void (*on_done)(long) = done_unlock;

static void *request(void *arg) {
    long v = (long)arg;
    if (v) {
        pthread_mutex_lock(&req_lock);
        on_done(v);
    } else {
        on_done(0);
    }
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, request, (void *)i);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
