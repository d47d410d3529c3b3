// expect-no-findings
/*
 * loop_break_locked_fixed.c - a worker loop `while (1)` that takes the
 * pool lock at the top of each round and leaves only through `break` with
 * the lock still held (a thread pool's shutdown path): the count after the
 * loop is updated, and the lock released, on that one path.
 *
 * TRUTH: no race, and no unlock of a lock not held: `while (1)` never
 * leaves through its test, so after the loop the lock is held.
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int stop, queued, live = 2;
static long served;

static void *worker(void *arg)
{
    while (1) {
        pthread_mutex_lock(&m);
        while (!queued && !stop)
            pthread_cond_wait(&c, &m);
        if (stop)
            break;
        queued--;
        served++;
        pthread_mutex_unlock(&m);
    }
    live--;
    pthread_cond_broadcast(&c);
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    pthread_mutex_lock(&m);
    queued = 10;
    pthread_cond_broadcast(&c);
    stop = 1;
    while (live > 0)
        pthread_cond_wait(&c, &m);
    long s = served;
    pthread_mutex_unlock(&m);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)s;
}
