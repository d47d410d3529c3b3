/*
 * flag_locked_racy.c - flags that order nothing:
 * - `done` is set under the lock but polled without it: the flag races,
 *   and so does what it was to hand over (result);
 * - `stage` is set to 1 and later back to 0: no flag set once;
 * - the worker writes `late` after it set `ready`.
 *
 * TRUTH: races on result, done, shared and late.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int done, stage, ready;
static long result, shared, late;

static void *worker(void *arg)
{
    result = 42; // expect: data-race 'result'
    pthread_mutex_lock(&m);
    done = 1; // expect: data-race 'done'
    pthread_mutex_unlock(&m);
    shared = 1; // expect: data-race 'shared'
    pthread_mutex_lock(&m);
    stage = 1;
    ready = 1;
    pthread_mutex_unlock(&m);
    late = 2; // expect: data-race 'late'
    return arg;
}

int main(void)
{
    pthread_t w;
    pthread_create(&w, NULL, worker, NULL);
    while (!done)
        ;
    printf("%ld\n", result);
    for (;;) {
        pthread_mutex_lock(&m);
        int s = stage;
        stage = 0;
        pthread_mutex_unlock(&m);
        if (s)
            break;
    }
    printf("%ld\n", shared);
    for (;;) {
        pthread_mutex_lock(&m);
        int r = ready;
        pthread_mutex_unlock(&m);
        if (r)
            break;
    }
    printf("%ld\n", late);
    pthread_join(w, NULL);
    return 0;
}
