/*
 * un_failed_lock_fixed.c - the helpers of un_failed_lock_racy.c, whose
 * error paths just return: the lock was not acquired, so there is nothing
 * to unlock. A third helper unlocks on each of two paths, each after its
 * own successful lock (`if (fast) { lock; ..; unlock; return; } lock; ..;
 * unlock;`).
 *
 * TRUTH: every unlock releases a lock its thread holds.
 */
// expect-no-findings
#include <pthread.h>
#include <threads.h>

static pthread_mutex_t cfg_lock = PTHREAD_MUTEX_INITIALIZER;
static long cfg_limit;
static mtx_t tab_lock;
static int table[8];

static int set_limit(long v) {
    int rc = pthread_mutex_lock(&cfg_lock);
    if (rc != 0) return -1;
    cfg_limit = v;
    pthread_mutex_unlock(&cfg_lock);
    return 0;
}

static int put(int k, int v) {
    if (mtx_lock(&tab_lock) != thrd_success) return -1;
    table[k & 7] = v;
    mtx_unlock(&tab_lock);
    return 0;
}

static void bump(int fast) {
    if (fast) {
        pthread_mutex_lock(&cfg_lock);
        cfg_limit++;
        pthread_mutex_unlock(&cfg_lock);
        return;
    }
    pthread_mutex_lock(&cfg_lock);
    cfg_limit += 2;
    pthread_mutex_unlock(&cfg_lock);
}

static void *admin(void *arg) {
    long base = (long)arg;
    for (long i = 0; i < 20; i++) {
        set_limit(base + i);
        put((int)i, (int)base);
        bump((int)(i & 1));
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
