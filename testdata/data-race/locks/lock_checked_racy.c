/*
 * lock_checked_racy.c - the failure path of a checked lock call does not
 * hold the lock: counting the failures there races with the success path of
 * another worker, which counts under the lock. The same through a helper
 * that returns 0 exactly when it locked: its caller's failure branch holds
 * nothing either.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t q_lock;
static int q_len;
static long failures, done;

static void q_add(void)
{
    if (pthread_mutex_lock(&q_lock) != 0) {
        failures++; // expect: data-race 'failures'
        return;
    }
    q_len++;
    failures = 0;
    pthread_mutex_unlock(&q_lock);
}

static int q_lock_checked(void)
{
    if (pthread_mutex_lock(&q_lock) != 0)
        return -1;
    return 0;
}

static void q_finish(void)
{
    if (q_lock_checked() != 0) {
        done++; // expect: data-race 'done'
        return;
    }
    done++;
    pthread_mutex_unlock(&q_lock);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        q_add();
        q_finish();
    }
    return NULL;
}

int main(void)
{
    pthread_mutexattr_t a;
    pthread_t t[2];

    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&q_lock, &a);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("%d %ld %ld\n", q_len, failures, done);
    return 0;
}
