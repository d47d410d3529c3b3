/*
 * own_write_only_global_racy.c - own_write_only_global_fixed.c, where a
 * monitor thread reads `last` and prints the buffer it points to while
 * the worker that owns it is still writing (or freeing) it.
 *
 * TRUTH: data race on the buffers' contents (the worker's writes and the
 * monitor's read through `last`).
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
        snprintf(buf, 64, "%s %d", (const char *)arg, i); // expect: data-race '*buf'
    puts(buf);
    return NULL;
}

static void *monitor(void *arg)
{
    pthread_mutex_lock(&m);
    char *seen = last;
    pthread_mutex_unlock(&m);
    if (seen)
        printf("last: %c\n", seen[0]);
    return arg;
}

int main(void)
{
    pthread_t a, b, c;
    pthread_create(&a, NULL, worker, "a");
    pthread_create(&b, NULL, worker, "b");
    pthread_create(&c, NULL, monitor, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(c, NULL);
    return 0;
}
