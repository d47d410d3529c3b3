/*
 * spawn_tree_groups_racy.c - leaders started with their own group
 * (&groups[i]) that hand the group to children wrongly:
 *   - a leader writes its group's `in` again after starting its leaf,
 *     before the join;
 *   - a leader starts two helpers on its group that both write `out`,
 *     and joins them only afterwards;
 *   - a leader starts a worker per round on its group in a loop, each
 *     bumping `rounds`, joining them all at the end.
 *
 * TRUTH: races on g->in (a leader and its own leaf), on g->out (the two
 * helpers of one leader) and on g->rounds (the workers of one leader).
 * A leaf and another leader's group never meet, but within one leader's
 * family the accesses race as in any parent and children.
 */
#include <pthread.h>

struct group { int in; int out; int rounds; };
static struct group groups[2];

static void *leaf(void *arg)
{
    struct group *g = arg;
    return (void *)(long)g->in;
}

static void *helper_a(void *arg)
{
    struct group *g = arg;
    g->out = 1; // expect: data-race 'g->out'
    return 0;
}

static void *helper_b(void *arg)
{
    struct group *g = arg;
    g->out = 2;
    return 0;
}

static void *bump(void *arg)
{
    struct group *g = arg;
    g->rounds++; // expect: data-race 'g->rounds'
    return 0;
}

static void *leader(void *arg)
{
    struct group *g = arg;
    pthread_t t, a, b, w[3];
    g->in = 5;
    pthread_create(&t, 0, leaf, g);
    g->in = 6; // expect: data-race 'g->in'
    pthread_join(t, 0);
    pthread_create(&a, 0, helper_a, g);
    pthread_create(&b, 0, helper_b, g);
    pthread_join(a, 0);
    pthread_join(b, 0);
    for (int i = 0; i < 3; i++) pthread_create(&w[i], 0, bump, g);
    for (int i = 0; i < 3; i++) pthread_join(w[i], 0);
    return (void *)(long)(g->out + g->rounds);
}

int main(void)
{
    pthread_t gt[2];
    for (int i = 0; i < 2; i++) pthread_create(&gt[i], 0, leader, &groups[i]);
    for (int i = 0; i < 2; i++) pthread_join(gt[i], 0);
    return groups[0].out;
}
