/*
 * format_racy.c - the printf and scanf formats say which arguments are
 * dereferenced: a worker prints the shared name with %s (a read of it)
 * while main overwrites the name, and main's sscanf stores into `count`
 * through its second, unsuppressed conversion while the worker reads it.
 *
 * The write to `name` (strcpy) and the sscanf's write of `count` are in
 * main, the reads in the worker: primary at main's writes.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static char name[32] = "idle";
static int count;

static void *worker(void *arg)
{
    (void)arg;
    printf("%d: %s\n", count, name);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    strcpy(name, "busy"); // expect: data-race 'name'
    sscanf("x 42", "%*s %d", &count); // expect: data-race 'count'
    pthread_join(t, NULL);
    return 0;
}
