// expect-no-findings
/*
 * tsd_buffer_fixed.c - each worker allocates its own scratch buffer and
 * keeps it in thread-specific data (pthread_setspecific); a helper fetches
 * it back with pthread_getspecific and fills it. The buffers come from one
 * allocation site, but every thread only ever sees the one it stored.
 *
 * pthread_getspecific returns the calling thread's value: the buffer a
 * worker writes through it is the one that worker allocated, never
 * another's. No finding.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct scratch {
    char text[64];
    int used;
};

static pthread_key_t scratch_key;

static struct scratch *my_scratch(void)
{
    return pthread_getspecific(scratch_key);
}

static void format_line(int n)
{
    struct scratch *s = my_scratch();
    s->used = snprintf(s->text, sizeof s->text, "line %d", n);
}

static void *worker(void *arg)
{
    (void)arg;
    struct scratch *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    pthread_setspecific(scratch_key, s);
    for (int i = 0; i < 4; i++)
        format_line(i);
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    pthread_key_create(&scratch_key, free);
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
