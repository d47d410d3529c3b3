// racecheck-args: -- $(pkg-config --cflags glib-2.0)
/*
 * glib_atomic_racy.c - a reference count updated with g_atomic_int_inc by
 * the workers but reset with a plain store by one of them.
 *
 * g_atomic_int_inc and g_atomic_int_get (macros over GCC __atomic builtins)
 * are atomic accesses: they never race with each other. reset() writes
 * refs with a plain store, which races with the atomic increments of the
 * other instances (an atomic and a plain access do race).
 */
#include <glib.h>
#include <stdio.h>

#define N 4

static gint refs;

static gpointer worker(gpointer arg)
{
    (void)arg;
    g_atomic_int_inc(&refs);
    if (g_atomic_int_get(&refs) > 100)
        refs = 0; // expect: data-race 'refs'
    return NULL;
}

int main(void)
{
    GThread *threads[N];
    for (int i = 0; i < N; i++)
        threads[i] = g_thread_new("worker", worker, NULL);
    for (int i = 0; i < N; i++)
        g_thread_join(threads[i]);
    printf("%d\n", refs);
    return 0;
}
