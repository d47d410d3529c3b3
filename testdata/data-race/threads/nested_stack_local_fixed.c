// expect-no-findings
/*
 * nested_stack_local_fixed.c - two kinds of parent thread (and main) each
 * run stage(), which hands the address of its own local to a helper
 * thread, joins it, then updates the local itself. Every call of stage()
 * is a frame of its own: each helper works on the local of the frame that
 * started it, and the frame's own accesses name its local directly, which
 * only the thread running that call can do.
 *
 * TRUTH: no race. Each `acc` belongs to one call of stage(); its helper is
 * joined before the frame touches it again; `total` is updated under m.
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void *helper(void *p)
{
    long *acc = p;
    for (int i = 0; i < 10; i++)
        *acc += i;
    return NULL;
}

static long stage(long start)
{
    long acc = start;
    pthread_t h;
    pthread_create(&h, NULL, helper, &acc);
    pthread_join(h, NULL);
    acc *= 2;
    pthread_mutex_lock(&m);
    total += acc;
    pthread_mutex_unlock(&m);
    return acc;
}

static void *left(void *p)
{
    return (void *)stage(1);
}

static void *right(void *p)
{
    return (void *)stage(2);
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, left, NULL);
    pthread_create(&b, NULL, right, NULL);
    stage(3);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)(total & 1);
}
