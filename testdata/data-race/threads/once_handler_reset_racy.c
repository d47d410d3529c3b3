/*
 * once_handler_reset_racy.c - once_handler_fixed.c with a "stop" request
 * that clears the flag without joining the indexer: the next "start" starts
 * a second indexer while the first may still run.
 *
 * TRUTH: races on indexed between two indexers; the flag is reset, so the
 * guard does not make the spawn run once.
 */
#include <pthread.h>
#include <stdio.h>

static int started;
static int batch_size;
static long indexed;
static pthread_t indexer_thread;

static void *indexer(void *arg)
{
    (void)arg;
    for (int i = 0; i < batch_size; i++) indexed++; // expect: data-race 'indexed'
    return NULL;
}

static void on_start(int size)
{
    if (started) {
        fprintf(stderr, "already started\n");
        return;
    }
    batch_size = size; // expect: data-race 'batch_size'
    started = 1;
    pthread_create(&indexer_thread, NULL, indexer, NULL);
}

static void on_stop(void)
{
    started = 0; /* BUG: the running indexer is not joined */
}

int main(void)
{
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        if (line[0] == 's') on_start(16);
        else if (line[0] == 'q') on_stop();
    }
    return 0;
}
