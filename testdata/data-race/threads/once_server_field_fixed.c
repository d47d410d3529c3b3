// expect-no-findings
/*
 * once_server_field_fixed.c - a language-server-like loop: main allocates
 * one Server, reads messages and dispatches them; the `initialize` handler
 * refuses a second initialize (s->initialized), records the workspace root,
 * sets the flag and starts the analysis thread, which reads the root and
 * counts its runs in the Server. Other handlers only touch main's fields.
 *
 * TRUTH: no race. There is one Server (allocated once, in main, never
 * indexed), its flag is tested and set by main alone and never cleared: one
 * analysis thread. The root is written before the thread starts; the run
 * counter is the thread's own; main's request counter is main's own; main
 * joins the thread (started when the flag is set) before it frees the Server.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Server {
    int initialized;       /* main only */
    long requests;         /* main only */
    char root[256];        /* written before the analysis thread starts */
    long runs;             /* the analysis thread's own */
    pthread_t worker;
} Server;

static void *analysis_main(void *arg)
{
    Server *s = arg;
    for (int i = 0; i < 10; i++)
        if (s->root[0]) s->runs++;
    return NULL;
}

static void on_initialize(Server *s, const char *root)
{
    if (s->initialized) {
        fprintf(stderr, "initialize was already received\n");
        return;
    }
    strncpy(s->root, root, sizeof s->root - 1);
    s->initialized = 1;
    pthread_create(&s->worker, NULL, analysis_main, s);
}

static void handle(Server *s, const char *msg)
{
    s->requests++;
    if (!strncmp(msg, "initialize ", 11)) on_initialize(s, msg + 11);
    else if (!s->initialized) fprintf(stderr, "not initialized\n");
}

int main(void)
{
    Server *s = calloc(1, sizeof *s);
    char line[512];
    if (!s) return 1;
    while (fgets(line, sizeof line, stdin)) handle(s, line);
    if (s->initialized) pthread_join(s->worker, NULL);
    free(s);
    return 0;
}
