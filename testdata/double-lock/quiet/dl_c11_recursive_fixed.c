// expect-no-findings
/*
 * dl_c11_recursive_fixed.c - a C11 mutex created recursive
 * (`mtx_init(&m, mtx_plain | mtx_recursive)`) taken again by a helper
 * while the caller holds it; a second one created with a type read at run
 * time (may be recursive: taken to be).
 *
 * TRUTH: no double lock: a recursive mutex may be locked again by its
 * holder (C11 7.26.4.2).
 */
#include <threads.h>

static mtx_t m, cfg_lock;
static int total, limit;

static void add(int v)
{
    mtx_lock(&m);
    total += v;
    mtx_unlock(&m);
}

static int worker(void *arg)
{
    mtx_lock(&m);
    add(1);
    add(2);
    mtx_unlock(&m);
    mtx_lock(&cfg_lock);
    mtx_lock(&cfg_lock);
    limit++;
    mtx_unlock(&cfg_lock);
    mtx_unlock(&cfg_lock);
    return arg != 0;
}

int main(int argc, char **argv)
{
    (void)argv;
    thrd_t t[2];
    mtx_init(&m, mtx_plain | mtx_recursive);
    mtx_init(&cfg_lock, argc > 1 ? mtx_plain : mtx_recursive);
    for (int i = 0; i < 2; i++) thrd_create(&t[i], worker, 0);
    for (int i = 0; i < 2; i++) thrd_join(t[i], 0);
    return total + limit;
}
