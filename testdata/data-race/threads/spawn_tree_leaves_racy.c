/*
 * spawn_tree_leaves_racy.c - leaders that start a leaf per record of their
 * own group (&g->leaf[i]) and get it wrong:
 *   - a leader reads its leaves' results before joining them;
 *   - a leaf also bumps its group's shared `done` count (through a back
 *     pointer the leader set), unlocked, with its sibling leaves.
 *
 * TRUTH: races on l->out (the leader's read before the join) and on
 * l->group->done (the sibling leaves of one leader).
 */
#include <pthread.h>
#include <stdio.h>

#define LEAVES 3
struct group;
struct leaf { int seed; long out; struct group *group; };
struct group {
    _Alignas(64) int base;
    int done;
    long merged;
    struct leaf leaf[LEAVES];
    pthread_t tid[LEAVES];
};

static void *leaf_main(void *arg)
{
    struct leaf *l = arg;
    l->out = l->seed * 2; // expect: data-race 'l->out'
    l->group->done++; // expect: data-race 'l->group->done'
    return NULL;
}

static void *group_main(void *arg)
{
    struct group *g = arg;
    for (int i = 0; i < LEAVES; i++) {
        g->leaf[i].seed = g->base + i;
        g->leaf[i].group = g;
        pthread_create(&g->tid[i], NULL, leaf_main, &g->leaf[i]);
    }
    g->merged = 0;
    for (int i = 0; i < LEAVES; i++)
        g->merged += g->leaf[i].out;
    for (int i = 0; i < LEAVES; i++)
        pthread_join(g->tid[i], NULL);
    return NULL;
}

static struct group groups[2];

int main(void)
{
    pthread_t gt[2];
    for (int i = 0; i < 2; i++) {
        groups[i].base = 10 * i;
        pthread_create(&gt[i], NULL, group_main, &groups[i]);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(gt[i], NULL);
    printf("%ld\n", groups[0].merged + groups[1].merged);
    return 0;
}
