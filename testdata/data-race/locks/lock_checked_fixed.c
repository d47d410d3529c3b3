// expect-no-findings
/*
 * lock_checked_fixed.c - lock calls whose result is checked (an
 * error-checking mutex: pthread_mutex_lock returns EDEADLK or EINVAL instead
 * of locking). The lock is held on the success path only; the failure paths
 * return without touching the queue and without unlocking, which is right,
 * so neither a data race nor a lock leak is reported. Three shapes: the call
 * in the condition, the result kept in a local and tested later, and a
 * helper returning 0 exactly when it locked (nginx's ngx_thread_mutex_lock
 * returning NGX_OK), tested by its caller.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t q_lock;
static int q_items[64];
static int q_len;

static int q_push(int v)
{
    if (pthread_mutex_lock(&q_lock) != 0)
        return -1;
    if (q_len < 64)
        q_items[q_len++] = v;
    pthread_mutex_unlock(&q_lock);
    return 0;
}

static int q_pop(void)
{
    int err, v = -1;

    err = pthread_mutex_lock(&q_lock);
    if (err) {
        fprintf(stderr, "lock: %d\n", err);
        return -1;
    }
    if (q_len > 0)
        v = q_items[--q_len];
    pthread_mutex_unlock(&q_lock);
    return v;
}

static int q_lock_checked(void)
{
    int err = pthread_mutex_lock(&q_lock);

    if (err != 0) {
        fprintf(stderr, "lock: %d\n", err);
        return -1;
    }
    return 0;
}

static int q_count(void)
{
    int n;

    if (q_lock_checked() != 0)
        return -1;
    n = q_len;
    pthread_mutex_unlock(&q_lock);
    return n;
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        q_push(i);
        q_pop();
        q_count();
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
    printf("%d\n", q_len);
    return 0;
}
