// expect-no-findings
/*
 * setjmp_local_longjmp_fixed.c - a retry loop built from setjmp and a
 * longjmp in the same function: the longjmp happens with the statistics
 * lock held, and the second return (value 2, tested through a local)
 * updates the retry counter and releases the lock. The first return takes
 * the lock and does the work.
 *
 * Every access to attempts and retries holds stats_lock; the error path's
 * unlock releases a held lock. No finding.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long attempts;
static long retries;

static void *worker(void *arg)
{
    const int *budget = arg;
    jmp_buf env;
    int rc = setjmp(env);
    if (rc) {
        retries++;
        pthread_mutex_unlock(&stats_lock);
        return NULL;
    }
    pthread_mutex_lock(&stats_lock);
    attempts++;
    if (attempts > *budget)
        longjmp(env, 2);
    pthread_mutex_unlock(&stats_lock);
    return NULL;
}

int main(void)
{
    static const int budget = 3;
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, (void *)&budget);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    printf("%ld %ld\n", attempts, retries);
    return 0;
}
