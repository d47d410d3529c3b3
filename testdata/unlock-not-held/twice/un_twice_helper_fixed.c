// expect-no-findings
/*
 * un_twice_helper_fixed.c - un_twice_helper_racy.c fixed: the "full" path
 * jumps past the unlock it already made; count() unlocks once on each
 * path. Quiet too: an unlock, a lock again, an unlock (`unlock; work;
 * lock; ...; unlock`) in a loop.
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
        goto done;
    }
    slots[used++] = v;
    pthread_mutex_unlock(&reg_lock);
done:
    return rc;
}

static void count(int early) {
    pthread_mutex_lock(&stat_lock);
    hits++;
    if (early) {
        pthread_mutex_unlock(&stat_lock);
        return;
    }
    pthread_mutex_unlock(&stat_lock);
}

static void drain(void) {
    pthread_mutex_lock(&reg_lock);
    while (used > 0) {
        used--;
        pthread_mutex_unlock(&reg_lock); /* work outside the lock */
        pthread_mutex_lock(&reg_lock);
    }
    pthread_mutex_unlock(&reg_lock);
}

static void *worker(void *arg) {
    long base = (long)arg;
    for (int i = 0; i < 3; i++) {
        add((int)base + i);
        count(i == 2);
    }
    drain();
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
