// expect-no-findings
/*
 * un_fnptr_fixed.c - un_fnptr_racy.c fixed: both paths take the lock
 * before the callback that releases it.
 */
#include <pthread.h>

static pthread_mutex_t req_lock = PTHREAD_MUTEX_INITIALIZER;
static long completed;

static void done_unlock(long v) {
    completed += v;
    pthread_mutex_unlock(&req_lock);
}

static void (*on_done)(long) = done_unlock;

static void *request(void *arg) {
    long v = (long)arg;
    pthread_mutex_lock(&req_lock);
    on_done(v);
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, request, (void *)i);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
