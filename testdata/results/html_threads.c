/*
 * html_threads.c - the HTML report's overview (tools/results_test.py,
 * test html; docs/html.md): a thread tree three deep and a lock with the
 * objects it guards.
 *
 *   main --> listener (joined) --> conn_worker (many instances, detached)
 *        --> logger (never joined)
 *        --> flusher (joined)
 *
 * stats_lock is held at every access to served and bytes (it guards them),
 * at most but not all accesses to errors (logger reads it without it), and
 * never at requests.
 */
#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long served;
static long bytes;
static long errors;
static long requests;

static void *conn_worker(void *arg)
{
    long n = (long)arg;
    pthread_mutex_lock(&stats_lock);
    served++;
    bytes += n;
    if (n < 0)
        errors++; // expect: data-race 'errors'
    pthread_mutex_unlock(&stats_lock);
    requests++; // expect: data-race 'requests'
    return NULL;
}

static void *listener(void *arg)
{
    (void)arg;
    for (long i = 0; i < 8; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, conn_worker, (void *)i) == 0)
            pthread_detach(t);
    }
    return NULL;
}

static void *logger(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&stats_lock);
        long s = served;
        pthread_mutex_unlock(&stats_lock);
        if (errors > s)
            break;
        sleep(1);
    }
    return NULL;
}

static void *flusher(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&stats_lock);
    bytes = 0;
    errors = 0;
    pthread_mutex_unlock(&stats_lock);
    return NULL;
}

int main(void)
{
    pthread_t l, g, f;
    pthread_create(&l, NULL, listener, NULL);
    pthread_create(&g, NULL, logger, NULL);
    pthread_create(&f, NULL, flusher, NULL);
    pthread_join(l, NULL);
    pthread_join(f, NULL);
    return 0;
}
