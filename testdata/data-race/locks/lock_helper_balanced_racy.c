/*
 * lock_helper_balanced_racy.c - as lock_helper_balanced_fixed.c, but the
 * helper drops the lock its caller took and does not take it back
 * (flush() expects it held and releases it): in report(), the lock taken
 * before the call is balanced by the helper's unlock, so report() releases
 * nothing of its own callers' - and what report() does after the call is
 * not under the lock.
 *
 * TRUTH: one race: report()'s `totals = 0` after flush() released
 * big_lock, against the workers' locked increments.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;
static long totals;

void BIG_LOCK(void)
{
    pthread_mutex_lock(&big_lock);
}

void BIG_UNLOCK(void)
{
    pthread_mutex_unlock(&big_lock);
}

static void flush(long v)
{
    BIG_UNLOCK();
    printf("%ld\n", v);
}

static void report(void)
{
    BIG_LOCK();
    flush(totals);
    totals = 0; // expect: data-race 'totals'
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
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    report();
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
