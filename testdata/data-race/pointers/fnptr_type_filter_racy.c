/*
 * fnptr_type_filter_racy.c - a table of untyped slots (`void *`) holds
 * functions of different types; the workers call slot 0 as a function of
 * one parameter. Array elements are one location, so the pointer read may
 * be either function; only `bump` takes one parameter.
 *
 * TRUTH: a race on hits (two worker instances call bump, unlocked). `total`
 * is written by `add`, which takes two parameters: no call through the
 * one-parameter pointer reaches it (points-to filters indirect call targets
 * by type), and main calls it alone. Without the filter the workers would
 * call add too and race on total.
 */
#include <pthread.h>

typedef void (*one_fn)(int *);

static void *slots[2];
static int hits;
static int total;

static void bump(int *x) { hits += *x; } // expect: data-race 'hits'

static void add(int *x, int v) { total += *x + v; }

static void *worker(void *arg)
{
    int x = 1;
    one_fn f = (one_fn)slots[0];
    f(&x);
    return arg;
}

int main(void)
{
    slots[0] = (void *)bump;
    slots[1] = (void *)add;
    int y = 2;
    add(&y, 3);
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, worker, 0);
    for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
    return 0;
}
