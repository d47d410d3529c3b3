/*
 * once_reentrant_racy.c - on_connect starts the logger the first time, but
 * between its test of the flag and the set it calls the connect hook,
 * which may call on_connect again: the inner call also finds the flag 0
 * and starts a logger, then the outer call starts a second one.
 *
 * TRUTH: races on lines_logged between two loggers: a call between the
 * test and the set may come back into the guarded function, so the guard
 * does not make the spawn run once.
 */
#include <pthread.h>
#include <stdio.h>

static int logger_started;
static int hook_depth;
static pthread_t logger_thread;
static long lines_logged;

static void *logger(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) lines_logged++; // expect: data-race 'lines_logged'
    return NULL;
}

static void on_connect(int fd);

static void connect_hook(int fd)
{
    if (hook_depth++ < 1) on_connect(fd); /* a hook that reconnects */
}

static void on_connect(int fd)
{
    if (!logger_started) {
        connect_hook(fd); /* BUG: re-enters before the flag is set */
        logger_started = 1;
        pthread_create(&logger_thread, NULL, logger, NULL);
    }
}

int main(void)
{
    char line[64];
    while (fgets(line, sizeof line, stdin)) on_connect(line[0]);
    return 0;
}
