// expect-no-findings
/*
 * once_handler_fixed.c - a request loop in main dispatches "start" requests
 * to a handler that starts the indexer thread, guarded by a flag: the
 * first request sets the flag and starts the thread, every later one is
 * refused. The handler fills in the indexer's configuration before the
 * spawn.
 *
 * TRUTH: no race. The flag is tested and set by main alone and never
 * reset, so the spawn runs at most once: there is one indexer, and its
 * counter is its own; the configuration is written before the indexer
 * starts (once.c: a set-once guard).
 */
#include <pthread.h>
#include <stdio.h>
#include "../../include/racecheck_debug.h"

static int started;          /* the guard: main only */
static int batch_size;       /* written by main before the spawn */
static long indexed;         /* the indexer's own */
static pthread_t indexer_thread;

static void *indexer(void *arg)
{
    (void)arg;
    for (int i = 0; i < batch_size; i++) indexed++;
    return NULL;
}

static void on_start(int size)
{
    if (started) {
        fprintf(stderr, "already started\n");
        return;
    }
    batch_size = size;
    started = 1;
    pthread_create(&indexer_thread, NULL, indexer, NULL);
}

int main(void)
{
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        if (line[0] == 's') on_start(16);
        racecheck_threads(); // debug: thread main live {indexer}
    }
    return 0;
}
