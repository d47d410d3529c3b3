/*
 * spawn_tree_groups_fixed.c - two leaders, each started with its own group
 * (&groups[i]), fill the group in, start a leaf on it and join the leaf
 * before reading its result.
 *
 * TRUTH: no race: a leaf works on its own leader's group, after the
 * leader's write and before the leader's read (create and join).
 *
 * The leaf thread stands for every leader's leaf; it is started once by
 * each leader instance with that instance's own group, so its group is its
 * leader's (Thread.family): a leaf and another leader touch different
 * groups, and a leaf and its own leader are ordered by create and join.
 */
// expect-no-findings
#include <pthread.h>
struct group { int in; int out; };
static struct group groups[2];
static void *leaf(void *arg) { struct group *g = arg; g->out = g->in * 2; return 0; }
static void *leader(void *arg)
{
    struct group *g = arg;
    pthread_t t;
    g->in = 5;
    pthread_create(&t, 0, leaf, g);
    pthread_join(t, 0);
    return (void *)(long)g->out;
}
int main(void)
{
    pthread_t gt[2];
    for (int i = 0; i < 2; i++) pthread_create(&gt[i], 0, leader, &groups[i]);
    for (int i = 0; i < 2; i++) pthread_join(gt[i], 0);
    return groups[0].out;
}
