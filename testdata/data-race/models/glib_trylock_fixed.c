// racecheck-args: -- $(pkg-config --cflags glib-2.0)
/*
 * glib_trylock_fixed.c - g_mutex_trylock returns TRUE when it took the lock:
 * the counter is touched only on the branch where a truth test found the
 * result non-zero, directly or through a local the result was copied into.
 */
// expect-no-findings
#include <glib.h>

static GMutex m;
static int counter;

static gpointer worker(gpointer arg) {
    (void)arg;
    if (g_mutex_trylock(&m)) {
        counter++;
        g_mutex_unlock(&m);
    }
    gboolean got = g_mutex_trylock(&m);
    if (!got) return NULL;
    counter--;
    g_mutex_unlock(&m);
    return NULL;
}

int main(void) {
    GThread *a = g_thread_new("a", worker, NULL);
    GThread *b = g_thread_new("b", worker, NULL);
    g_thread_join(a);
    g_thread_join(b);
    return counter;
}
