// expect-no-findings
/*
 * un_callee_released_fixed.c - un_callee_released_racy.c's callers trust
 * their helpers: flush() releases the lock on every path, so the worker
 * does not unlock again; a helper that unlocks and locks again
 * (`relax()`) leaves the lock held for the caller's unlock.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long hits;

static void flush(void)
{
    long h = hits;
    pthread_mutex_unlock(&stats_lock);
    printf("%ld\n", h);
}

static void relax(void)
{
    pthread_mutex_unlock(&stats_lock);
    printf("waiting\n");
    pthread_mutex_lock(&stats_lock);
}

static void *worker(void *arg)
{
    pthread_mutex_lock(&stats_lock);
    hits++;
    flush();
    pthread_mutex_lock(&stats_lock);
    relax();
    hits++;
    pthread_mutex_unlock(&stats_lock);
    return arg;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
