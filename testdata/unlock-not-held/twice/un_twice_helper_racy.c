/*
 * un_twice_helper_racy.c - a registry's add() unlocks on its "full" path
 * and then again at the shared exit label: on that path the mutex is
 * unlocked twice. add() is a helper the threads call, and the lock is a
 * global the callers could hold - but add() takes it itself, so whatever
 * its callers hold, the second unlock ends a borrow add() already ended.
 * A second helper drops its lock early when `c` is set, then unlocks again.
 */
#include <pthread.h>

#define SLOTS 4

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stat_lock = PTHREAD_MUTEX_INITIALIZER;
static int slots[SLOTS];
static int used;
static long hits;

static int add(int v) {
    int rc = 0;
    pthread_mutex_lock(&reg_lock);
    if (used == SLOTS) {
        rc = -1;
        pthread_mutex_unlock(&reg_lock);
        goto out;
    }
    slots[used++] = v;
out:
    pthread_mutex_unlock(&reg_lock); // expect: unlock-not-held 'reg_lock'
    return rc;
}

static void count(int early) {
    pthread_mutex_lock(&stat_lock);
    hits++;
    if (early)
        pthread_mutex_unlock(&stat_lock);
    pthread_mutex_unlock(&stat_lock); // expect: unlock-not-held 'stat_lock'
}

static void *worker(void *arg) {
    long base = (long)arg;
    for (int i = 0; i < 3; i++) {
        add((int)base + i);
        count(i == 2);
    }
    return NULL;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, worker, (void *)10L);
    pthread_create(&b, NULL, worker, (void *)20L);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
