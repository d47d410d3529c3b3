// racecheck-args: -- $(pkg-config --cflags glib-2.0)
/*
 * glib_trylock_racy.c - the success test of g_mutex_trylock inverted: the
 * counter is written on the branch where the lock was *not* taken.
 */
#include <glib.h>

static GMutex m;
static int counter;

static gpointer worker(gpointer arg) {
    (void)arg;
    gboolean got = g_mutex_trylock(&m);
    if (got) {
        g_mutex_unlock(&m);
        return NULL;
    }
    counter++; // expect: data-race 'counter'
    return NULL;
}

int main(void) {
    GThread *a = g_thread_new("a", worker, NULL);
    GThread *b = g_thread_new("b", worker, NULL);
    g_thread_join(a);
    g_thread_join(b);
    return counter;
}
