/*
 * once_two_creators_racy.c - ensure_logger starts the logger the first time
 * it is called, behind a function-scope static flag tested and set without
 * a lock; main and the loader thread both call it.
 *
 * TRUTH: races on lines_written between two loggers: main and the loader
 * may both find the flag 0 before either sets it. The guard makes the
 * spawn run once per creator (main, the loader: one instance each), not
 * once in all.
 */
#include <pthread.h>

static pthread_t logger_thread;
static long lines_written;

static void *logger(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) lines_written++; // expect: data-race 'lines_written'
    return NULL;
}

static void ensure_logger(void)
{
    static int started;
    if (started) return;
    started = 1; // expect: data-race 'started'
    pthread_create(&logger_thread, NULL, logger, NULL);
}

static void *loader(void *arg)
{
    (void)arg;
    ensure_logger();
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, loader, NULL);
    for (int i = 0; i < 3; i++) ensure_logger();
    pthread_join(t, NULL);
    return 0;
}
