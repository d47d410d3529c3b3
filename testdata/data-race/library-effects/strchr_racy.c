/*
 * strchr_racy.c - a worker cuts a shared line at its first colon through
 * the pointer strchr returned, while main measures the line.
 *
 * strchr returns a pointer into its first argument (rules: "returns": 0),
 * so `*colon = '\0'` writes `line`; main's strlen(line) reads it: a race on
 * line, primary at the worker's write.
 */
#include <pthread.h>
#include <string.h>

static char line[64] = "key:value";
static size_t length;

static void *worker(void *arg)
{
    (void)arg;
    char *colon = strchr(line, ':');
    if (colon)
        *colon = '\0'; // expect: data-race 'colon'
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    length = strlen(line);
    pthread_join(t, NULL);
    return (int)length;
}
