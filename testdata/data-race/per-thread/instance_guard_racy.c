/*
 * instance_guard_racy.c - tests of an instance's index that do not leave
 * one instance alone:
 * - the instance with id 0 writes `mode`, every other instance writes it on
 *   the else branch;
 * - `half = id / 2` is not distinct per instance: instances 0 and 1 both
 *   pass `if (half == 0)` and write `pairs`;
 * - instance 0 writes `shown`, which main reads while the workers run;
 * - groups: every instance of `group` starts its own members with ids from
 *   0, so each group has a member 0: the members' `if (id == 0)` writes to
 *   `leaders` come from as many instances as there are groups.
 *
 * - instance 1 writes `handoff`, instance 2 reads it (`if (id == 2)`): two
 *   instances, each alone on its branch, but not the same one.
 *
 * TRUTH: races on mode, pairs, shown, leaders and handoff.
 */
#include <pthread.h>
#include <stdint.h>

#define N 4

static int mode;
static int pairs;
static int shown;
static int leaders;
static int handoff;

static void *worker(void *arg)
{
    intptr_t id = (intptr_t)arg;
    intptr_t half = id / 2;
    if (id == 0)
        mode = 1; // expect: data-race 'mode'
    else
        mode = 2;
    if (half == 0)
        pairs++; // expect: data-race 'pairs'
    if (id == 0)
        shown = 1; // expect: data-race 'shown'
    if (id == 1)
        handoff = 7; // expect: data-race 'handoff'
    if (id == 2)
        return (void *)(intptr_t)handoff;
    return NULL;
}

static void *member(void *arg)
{
    intptr_t id = (intptr_t)arg;
    if (id == 0)
        leaders++; // expect: data-race 'leaders'
    return NULL;
}

static void *group(void *arg)
{
    (void)arg;
    pthread_t m[N];
    for (intptr_t i = 0; i < N; i++)
        pthread_create(&m[i], NULL, member, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(m[i], NULL);
    return NULL;
}

int main(void)
{
    pthread_t w[N], g[2];
    for (intptr_t i = 0; i < N; i++)
        pthread_create(&w[i], NULL, worker, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_create(&g[i], NULL, group, NULL);
    int seen = shown;
    for (int i = 0; i < N; i++)
        pthread_join(w[i], NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(g[i], NULL);
    return seen + mode + pairs + leaders + handoff;
}
