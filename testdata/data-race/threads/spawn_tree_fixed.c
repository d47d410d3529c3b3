// expect-no-findings
/*
 * spawn_tree_fixed.c - a recursive fan-out: every node thread below the
 * depth limit starts two child nodes (in a loop, handles in a local array)
 * and joins both before it counts itself under a lock and returns; main
 * starts the root, joins it and reads the count without the lock.
 *
 * TRUTH: no race: each node's children (and so, recursively, its whole
 * subtree) end before the node's own join returns; main's read comes after
 * the root's join.
 */
#include <pthread.h>
#include <stdio.h>

#define DEPTH 3

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long nodes;

static void *node(void *arg)
{
    long depth = (long)arg;
    pthread_t kids[2];

    if (depth < DEPTH) {
        for (int i = 0; i < 2; i++)
            pthread_create(&kids[i], NULL, node, (void *)(depth + 1));
        for (int i = 0; i < 2; i++)
            pthread_join(kids[i], NULL);
    }
    pthread_mutex_lock(&lock);
    nodes++;
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    pthread_t root;

    pthread_create(&root, NULL, node, (void *)0L);
    pthread_join(root, NULL);
    printf("%ld nodes\n", nodes);
    return 0;
}
