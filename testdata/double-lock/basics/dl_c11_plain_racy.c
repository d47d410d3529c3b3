/*
 * dl_c11_plain_racy.c - C11 mutexes created without mtx_recursive
 * (`mtx_plain`, `mtx_timed`) taken again by their holder: directly, and
 * by a helper called with the lock held.
 *
 * TRUTH: double locks: locking a non-recursive mtx_t the thread already
 * holds is undefined behaviour (C11 7.26.4.3), a deadlock in practice.
 */
#include <threads.h>

static mtx_t m, t_lock;
static int total, ticks;

static void add(int v)
{
    mtx_lock(&m);
    total += v;
    mtx_unlock(&m);
}

static int worker(void *arg)
{
    mtx_lock(&m);
    add(1); // expect: double-lock 'm'
    mtx_unlock(&m);
    mtx_lock(&t_lock);
    mtx_lock(&t_lock); // expect: double-lock 't_lock'
    ticks++;
    mtx_unlock(&t_lock);
    return arg != 0;
}

int main(void)
{
    thrd_t t[2];
    mtx_init(&m, mtx_plain);
    mtx_init(&t_lock, mtx_timed);
    for (int i = 0; i < 2; i++) thrd_create(&t[i], worker, 0);
    for (int i = 0; i < 2; i++) thrd_join(t[i], 0);
    return total + ticks;
}
