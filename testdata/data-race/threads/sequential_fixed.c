// expect-no-findings
/*
 * sequential_fixed.c - two phases run one after the other, each in its own
 * thread: create A; join A; create B; join B. Both write the same global.
 *
 * A is joined before B is created, so everything A does happens before
 * everything B does; main touches `state` only before the first create,
 * between the join of A and the create of B, and after the join of B.
 * No two accesses may run in parallel. No finding.
 */
#include <pthread.h>
#include <stdio.h>

static int state;

static void *phase_one(void *arg)
{
    (void)arg;
    state = state * 2 + 1;
    return NULL;
}

static void *phase_two(void *arg)
{
    (void)arg;
    state = state * 3;
    return NULL;
}

int main(void)
{
    pthread_t a, b;

    state = 1;
    pthread_create(&a, NULL, phase_one, NULL);
    pthread_join(a, NULL);
    printf("after phase one: %d\n", state);
    pthread_create(&b, NULL, phase_two, NULL);
    pthread_join(b, NULL);
    printf("after phase two: %d\n", state);
    return 0;
}
