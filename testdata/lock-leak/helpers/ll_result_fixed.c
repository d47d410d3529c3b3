// expect-no-findings
/*
 * ll_result_fixed.c - a locking helper that reports failure in its result
 * (nginx's ngx_thread_mutex_lock): it returns 0 with the lock held, -1
 * without it when pthread_mutex_lock failed (an error-checking mutex).
 * Neither return is a leak: the result tells the caller which one it got,
 * and the caller unlocks only after 0. The caller's counter is protected
 * on that path (the helper acts like a trylock for the lockset).
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mu;
static long served;

static int mutex_lock_checked(pthread_mutex_t *m)
{
    int err = pthread_mutex_lock(m);

    if (err == 0)
        return 0;
    fprintf(stderr, "pthread_mutex_lock() failed: %d\n", err);
    return -1;
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10; i++) {
        if (mutex_lock_checked(&mu) != 0)
            return NULL;
        served++;
        pthread_mutex_unlock(&mu);
    }
    return NULL;
}

int main(void)
{
    pthread_mutexattr_t a;
    pthread_t t[2];

    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&mu, &a);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("%ld\n", served);
    return 0;
}
