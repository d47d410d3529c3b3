/*
 * nested_spawn_racy.c - main starts a parent thread, which starts a child
 * thread and detaches it; the child and main both update a global.
 *
 * Joining the parent does not wait for the child: the child may still be
 * running when main updates `progress` after pthread_join(parent). The
 * child's write and main's write race. The child's is first in file order,
 * the primary location. main's write before pthread_create precedes both.
 */
#include <pthread.h>
#include <stdio.h>

static long progress;

static void *child(void *arg)
{
    (void)arg;
    progress += 10; // expect: data-race 'progress'
    return NULL;
}

static void *parent(void *arg)
{
    pthread_t c;

    (void)arg;
    pthread_create(&c, NULL, child, NULL);
    pthread_detach(c); /* the child outlives its parent */
    return NULL;
}

int main(void)
{
    pthread_t p;

    progress = 0;
    pthread_create(&p, NULL, parent, NULL);
    pthread_join(p, NULL);
    progress += 1; /* the child may still be running */
    printf("progress %ld\n", progress);
    return 0;
}
