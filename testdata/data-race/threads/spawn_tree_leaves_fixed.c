// expect-no-findings
/*
 * spawn_tree_leaves_fixed.c - a two-level tree: main starts two group
 * leaders, each with its own group (&groups[i]); a leader fills in the
 * seed of each of its leaves and starts a leaf on it (&g->leaf[i]), joins
 * its leaves through a helper and sums their results into its group.
 *
 * TRUTH: no race: a leaf works on one leaf record of its own leader's
 * group, after the leader wrote its seed (create) and before the leader
 * reads its result (join); other leaders' leaves work in other groups.
 * The groups are cache-line aligned (no false sharing between leaders).
 */
#include <pthread.h>
#include <stdio.h>

#define LEAVES 3
struct leaf { int seed; long out; };
struct group {
    _Alignas(64) int base;
    long merged;
    struct leaf leaf[LEAVES];
    pthread_t tid[LEAVES];
};

static void *leaf_main(void *arg)
{
    struct leaf *l = arg;
    long s = 0;
    for (int i = 0; i < 1000; i++)
        s += (l->seed * i) % 11;
    l->out = s;
    return NULL;
}

static void join_leaves(struct group *g)
{
    for (int i = 0; i < LEAVES; i++)
        pthread_join(g->tid[i], NULL);
}

static void *group_main(void *arg)
{
    struct group *g = arg;
    for (int i = 0; i < LEAVES; i++) {
        g->leaf[i].seed = g->base + i;
        pthread_create(&g->tid[i], NULL, leaf_main, &g->leaf[i]);
    }
    join_leaves(g);
    g->merged = 0;
    for (int i = 0; i < LEAVES; i++)
        g->merged += g->leaf[i].out;
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
    printf("%ld\n", groups[0].merged + groups[1].merged + groups[1].leaf[2].out);
    return 0;
}
