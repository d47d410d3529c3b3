// expect-no-findings
/*
 * lock_helper_balanced_fixed.c - lock and unlock spelled as program
 * functions (memcached's STATS_LOCK()/STATS_UNLOCK()), and a helper that
 * takes and drops the lock itself around its own update: a balanced pair
 * inside the helper releases nothing its caller holds. report() holds the
 * (recursive) lock across a call of the helper and keeps reading the
 * totals under it.
 *
 * TRUTH: no race: every access to totals and fails is under big_lock
 * (recursive, so the helper's second lock does not deadlock).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t big_lock;
static long totals, fails;

void BIG_LOCK(void)
{
    pthread_mutex_lock(&big_lock);
}

void BIG_UNLOCK(void)
{
    pthread_mutex_unlock(&big_lock);
}

static char *grow(char *buf, size_t n)
{
    char *p = realloc(buf, n);
    if (p == NULL) {
        BIG_LOCK();
        fails++;
        BIG_UNLOCK();
    }
    return p;
}

static void report(void)
{
    char *buf = NULL;
    BIG_LOCK();
    char *more = grow(buf, 64);
    if (more)
        snprintf(more, 64, "%ld %ld", totals, fails);
    totals = 0;
    BIG_UNLOCK();
    free(more);
}

static void *worker(void *arg)
{
    for (int i = 0; i < 100; i++) {
        BIG_LOCK();
        totals++;
        BIG_UNLOCK();
    }
    report();
    return arg;
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&big_lock, &attr);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    report();
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
