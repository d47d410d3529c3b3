/*
 * generic_unselected_fixed.c - only the selected association of a _Generic
 * is evaluated: the worker reads `as_int` (an int is selected), never
 * `as_double`, which main writes while the worker runs. The controlling
 * expression is not evaluated either: `shared_d` is never read.
 */
#include <pthread.h>

static int as_int;
static double as_double;
static double shared_d;
static int sel;

static void *worker(void *arg)
{
    (void)arg;
    double d = _Generic(sel, double: as_double, int: as_int);
    double e = _Generic(shared_d, double: 1.0, default: 2.0);
    return (void *)(long)(d + e);
}

int main(void) // expect-no-findings
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    as_double = 1.0;
    shared_d = 2.0;
    pthread_join(t, NULL);
    return as_int;
}
