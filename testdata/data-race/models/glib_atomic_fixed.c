// racecheck-args: -- $(pkg-config --cflags glib-2.0)
// expect-no-findings
/*
 * glib_atomic_fixed.c - glib_atomic_racy.c with the reset done atomically
 * (g_atomic_int_set): every access to refs from the workers is atomic, and
 * main reads it after joining them.
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
        g_atomic_int_set(&refs, 0);
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
