// expect-no-findings
/*
 * own_write_only_global_fixed.c - each worker fills a buffer of its own
 * and, for a debugger's eyes, records it in a global `last` under a
 * mutex; no code ever reads `last` back, so the buffers stay each
 * worker's own.
 *
 * TRUTH: no data race.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static char *last;

static void *worker(void *arg)
{
    char *buf = malloc(64);
    if (!buf)
        return NULL;
    pthread_mutex_lock(&m);
    last = buf;
    pthread_mutex_unlock(&m);
    for (int i = 0; i < 10; i++)
        snprintf(buf, 64, "%s %d", (const char *)arg, i);
    puts(buf);
    free(buf);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, "a");
    pthread_create(&b, NULL, worker, "b");
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
