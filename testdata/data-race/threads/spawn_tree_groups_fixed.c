/*
 * spawn_tree_groups_fixed.c - two leaders, each started with its own group
 * (&groups[i]), fill the group in, start a leaf on it and join the leaf
 * before reading its result.
 *
 * TRUTH: no race: a leaf works on its own leader's group, after the
 * leader's write and before the leader's read (create and join).
 *
 * Known false alarms: the leaf thread stands for every leader's leaf, and
 * which group a leaf gets is not tied to its leader's instance, so every
 * leaf is taken to race with every leader.
 */
#include <pthread.h>
struct group { int in; int out; };
static struct group groups[2];
static void *leaf(void *arg) { struct group *g = arg; g->out = g->in * 2; return 0; } // known-false-alarm: data-race 'g->out'
static void *leader(void *arg)
{
    struct group *g = arg;
    pthread_t t;
    g->in = 5; // known-false-alarm: data-race 'g->in'
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
