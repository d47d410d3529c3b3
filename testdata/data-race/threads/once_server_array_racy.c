/*
 * once_server_array_racy.c - once_server_field_fixed.c serving two
 * workspaces: main allocates an array of two Servers and dispatches each
 * message to one of them. Each Server's flag makes its own analysis thread
 * start once - two threads in all, which both count in one global.
 *
 * TRUTH: races on total_runs between the two analysis threads. The guard
 * is a field of an array element: one flag per element, so the spawn runs
 * once per element, not once.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Server {
    int initialized;
    char root[256];
    pthread_t worker;
} Server;

static long total_runs;

static void *analysis_main(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10; i++) total_runs++; // expect: data-race 'total_runs'
    return NULL;
}

static void on_initialize(Server *s, const char *root)
{
    if (s->initialized) return;
    strncpy(s->root, root, sizeof s->root - 1);
    s->initialized = 1;
    pthread_create(&s->worker, NULL, analysis_main, s);
}

int main(void)
{
    Server *servers = calloc(2, sizeof *servers);
    char line[512];
    if (!servers) return 1;
    while (fgets(line, sizeof line, stdin))
        on_initialize(&servers[line[0] == '1'], line + 1);
    return 0;
}
