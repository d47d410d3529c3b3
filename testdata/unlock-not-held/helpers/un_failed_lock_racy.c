/*
 * un_failed_lock_racy.c - helpers that check the result of their lock and,
 * when it failed (an error-checking mutex's EDEADLK, a robust mutex's
 * EOWNERDEAD, mtx_lock's thrd_error), "clean up" by unlocking the mutex
 * they never got; the success path locks and unlocks correctly. The
 * helpers are called from the threads' loops (not start routines).
 *
 * TRUTH: unlock-not-held at each error-path unlock: on that path the lock
 * was not acquired.
 */
#include <pthread.h>
#include <threads.h>

static pthread_mutex_t cfg_lock = PTHREAD_MUTEX_INITIALIZER;
static long cfg_limit;
static mtx_t tab_lock;
static int table[8];

static int set_limit(long v) {
    int rc = pthread_mutex_lock(&cfg_lock);
    if (rc != 0) {
        pthread_mutex_unlock(&cfg_lock); // expect: unlock-not-held 'cfg_lock'
        return -1;
    }
    cfg_limit = v;
    pthread_mutex_unlock(&cfg_lock);
    return 0;
}

static int put(int k, int v) {
    if (mtx_lock(&tab_lock) != thrd_success) {
        mtx_unlock(&tab_lock); // expect: unlock-not-held 'tab_lock'
        return -1;
    }
    table[k & 7] = v;
    mtx_unlock(&tab_lock);
    return 0;
}

static void *admin(void *arg) {
    long base = (long)arg;
    for (long i = 0; i < 20; i++) {
        set_limit(base + i);
        put((int)i, (int)base);
    }
    return NULL;
}

int main(void) {
    pthread_t t[2];
    mtx_init(&tab_lock, mtx_plain);
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, admin, (void *)(i * 100));
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    mtx_destroy(&tab_lock);
    return (int)(cfg_limit & 0x7f);
}
