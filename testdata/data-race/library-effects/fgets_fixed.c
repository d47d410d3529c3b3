// expect-no-findings
/*
 * fgets_fixed.c - fgets_racy.c with main reading into its own buffer and
 * copying it into the shared one under line_lock, the lock the worker
 * holds while it measures the line.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static char line[128];
static size_t length;
static pthread_mutex_t line_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&line_lock);
    length = strlen(line);
    pthread_mutex_unlock(&line_lock);
    return NULL;
}

int main(void)
{
    char mine[128];
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    while (fgets(mine, sizeof mine, stdin)) {
        pthread_mutex_lock(&line_lock);
        strcpy(line, mine);
        pthread_mutex_unlock(&line_lock);
    }
    pthread_join(t, NULL);
    return (int)length;
}
