// expect-no-findings
/*
 * tsd_lazy_init_fixed.c - a logging helper keeps a per-thread line buffer
 * in thread-specific data, allocated on first use by whichever thread calls
 * it (the `if (!buf) { buf = malloc(..); pthread_setspecific(..); }` idiom),
 * and appends to it. Every worker logs through the helper.
 *
 * The buffer one call allocates is reached again only through
 * pthread_getspecific, which returns the calling thread's own buffer: no
 * two threads touch one buffer. No finding. (Without following the value
 * through the key, the one allocation site in a helper every worker calls
 * looks like a single buffer shared by all of them.)
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct linebuf {
    char text[128];
    size_t len;
    unsigned lines;
};

static pthread_key_t log_key;

static struct linebuf *log_buffer(void)
{
    struct linebuf *b = pthread_getspecific(log_key);
    if (!b) {
        b = calloc(1, sizeof *b);
        if (!b)
            abort();
        pthread_setspecific(log_key, b);
    }
    return b;
}

static void log_event(const char *what)
{
    struct linebuf *b = log_buffer();
    b->len += (size_t)snprintf(b->text + b->len % 64, 64, "%s;", what);
    b->lines++;
}

static void *worker(void *arg)
{
    for (int i = 0; i < 8; i++)
        log_event(arg);
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    pthread_key_create(&log_key, free);
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, "tick");
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
