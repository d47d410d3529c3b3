/*
 * spawn_tree_racy.c - as spawn_tree_fixed.c (each node below the depth
 * limit starts two child nodes, counts itself under a lock; main joins the
 * root and reads the count without the lock), but a node joins only its
 * left child: the right one is detached.
 *
 * TRUTH: a race on nodes: a right subtree may still be counting when the
 * root's join returns and main reads. The nodes' locked write is the only
 * write (primary location).
 */
#include <pthread.h>
#include <stdio.h>

#define DEPTH 3

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long nodes;

static void *node(void *arg)
{
    long depth = (long)arg;
    pthread_t left, right;

    if (depth < DEPTH) {
        pthread_create(&left, NULL, node, (void *)(depth + 1));
        pthread_create(&right, NULL, node, (void *)(depth + 1));
        pthread_detach(right); /* BUG: main may read before this subtree counted */
        pthread_join(left, NULL);
    }
    pthread_mutex_lock(&lock);
    nodes++; // expect: data-race 'nodes'
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
