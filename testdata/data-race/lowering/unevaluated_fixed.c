/*
 * unevaluated_fixed.c - operands C and GNU C do not evaluate: the branch
 * __builtin_choose_expr does not choose, the arguments of
 * __builtin_constant_p and __builtin_object_size, and the expression of a
 * typeof in a variable-length array declaration (only the size is read:
 * `limit`, which nobody writes). main writes the shared objects while the
 * worker runs: no race.
 */
#include <pthread.h>
#include <stddef.h>

static int wide, narrow, probe, limit = 4;
static char *buf;

#define PICK(x) __builtin_choose_expr(sizeof(x) == sizeof(int), wide, narrow)

static void *worker(void *arg)
{
    (void)arg;
    int a = PICK(limit);
    int b = __builtin_constant_p(probe);
    size_t c = __builtin_object_size(buf, 0);
    typeof(probe) vals[limit];
    vals[0] = a + b + (int)c;
    return (void *)(long)vals[0];
}

int main(void) // expect-no-findings
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    narrow = 1;
    probe = 2;
    buf = NULL;
    pthread_join(t, NULL);
    return wide;
}
