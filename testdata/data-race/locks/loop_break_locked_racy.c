/*
 * loop_break_locked_racy.c - the worker of loop_break_locked_fixed.c
 * releasing the lock before it breaks out: the count after the loop is
 * updated without it.
 *
 * TRUTH: a race on live (the workers' unlocked decrements).
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int stop, live = 2;

static void *worker(void *arg)
{
    while (1) {
        pthread_mutex_lock(&m);
        int s = stop;
        pthread_mutex_unlock(&m);
        if (s)
            break;
    }
    live--; // expect: data-race 'live'
    return arg;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    pthread_mutex_lock(&m);
    stop = 1;
    pthread_mutex_unlock(&m);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return live;
}
