/*
 * fgets_racy.c - main reads lines into a shared buffer with fgets while a
 * worker measures the buffer with strlen.
 *
 * fgets writes the buffer its first argument points to, strlen reads the
 * string its argument points to: a write in main and a read in the worker
 * of `line`, unordered and unlocked. The write (fgets) is primary.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static char line[128];
static size_t length;

static void *worker(void *arg)
{
    (void)arg;
    length = strlen(line);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    while (fgets(line, sizeof line, stdin)) // expect: data-race 'line'
        ;
    pthread_join(t, NULL);
    return (int)length;
}
