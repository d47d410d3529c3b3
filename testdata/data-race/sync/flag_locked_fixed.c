// expect-no-findings
/*
 * flag_locked_fixed.c - a flag set and polled under a mutex: the worker
 * fills in its result, then sets `done` holding `m`; main polls `done`
 * holding `m` and reads the result once it saw the flag set. The same
 * through a field (`job->ready`) of a job main and the loader share.
 *
 * TRUTH: no race. The flag itself is always accessed under m; the store of
 * 1 and its unlock come after the worker's write, and main's read comes
 * after the locked load that saw 1.
 * The second wait is a helper returning the loaded value (is_done()):
 * the caller's test of the result is the wait.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int done;
static long result;

struct job {
    int ready;
    char text[32];
};
static struct job job;

static void *worker(void *arg)
{
    result = 6 * 7;
    pthread_mutex_lock(&m);
    done = 1;
    pthread_mutex_unlock(&m);
    return arg;
}

static void *loader(void *arg)
{
    snprintf(job.text, sizeof job.text, "loaded");
    pthread_mutex_lock(&m);
    job.ready = 1;
    pthread_mutex_unlock(&m);
    return arg;
}

static int is_done(void)
{
    pthread_mutex_lock(&m);
    int d = done;
    pthread_mutex_unlock(&m);
    return d;
}

int main(void)
{
    pthread_t w, l;
    pthread_create(&w, NULL, worker, NULL);
    pthread_create(&l, NULL, loader, NULL);
    for (;;) {
        pthread_mutex_lock(&m);
        int r = job.ready;
        pthread_mutex_unlock(&m);
        if (r)
            break;
    }
    printf("%s\n", job.text);
    while (!is_done())
        ;
    printf("%ld\n", result);
    pthread_join(w, NULL);
    pthread_join(l, NULL);
    return 0;
}
