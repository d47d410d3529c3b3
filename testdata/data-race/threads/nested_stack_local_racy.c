/*
 * nested_stack_local_racy.c - the frames of nested_stack_local_fixed.c,
 * but stage() starts two helpers on its one local (in a loop: one frame,
 * two helpers) and updates it before joining them.
 *
 * TRUTH: racy. The two helpers of one call update the same `acc`, and the
 * frame's own `acc *= 2` runs while they may still run (one finding on
 * the location, its evidence listing both).
 */
#include <pthread.h>

static void *helper(void *p)
{
    long *acc = p;
    for (int i = 0; i < 10; i++)
        *acc += i; // expect: data-race '*acc'
    return NULL;
}

static long stage(long start)
{
    long acc = start;
    pthread_t h[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&h[i], NULL, helper, &acc);
    acc *= 2; /* in the finding on '*acc': the same location */
    for (int i = 0; i < 2; i++)
        pthread_join(h[i], NULL);
    return acc;
}

static void *left(void *p)
{
    return (void *)stage(1);
}

int main(void)
{
    pthread_t a;
    pthread_create(&a, NULL, left, NULL);
    long r = stage(3);
    pthread_join(a, NULL);
    return (int)(r & 1);
}
