// racecheck-args: -- $(pkg-config --cflags glib-2.0)
/*
 * glib_private_racy.c - GLib thread-private data: each worker keeps its own
 * scratch buffer in one GPrivate and, in another, a pointer to the one
 * global statistics block.
 *
 * g_private_get returns the calling thread's value: the scratch buffers
 * are per thread (no race on their fields), but every thread's stats
 * pointer leads to the same global block.
 *
 * TRUTH: a race on global_stats.calls only, written by every worker through
 * the pointer it fetched back from its GPrivate.
 */
#include <glib.h>

struct scratch {
    char text[32];
    int used;
};

struct stats {
    long calls;
};

static GPrivate scratch_key = G_PRIVATE_INIT(g_free);
static GPrivate stats_key;
static struct stats global_stats;

static void record(int n)
{
    struct scratch *s = g_private_get(&scratch_key);
    struct stats *st = g_private_get(&stats_key);
    s->used = n;
    st->calls++; // expect: data-race 'calls'
}

static gpointer worker(gpointer data)
{
    (void)data;
    g_private_set(&scratch_key, g_new0(struct scratch, 1));
    g_private_set(&stats_key, &global_stats);
    for (int i = 0; i < 4; i++)
        record(i);
    return NULL;
}

int main(void)
{
    GThread *a = g_thread_new("a", worker, NULL);
    GThread *b = g_thread_new("b", worker, NULL);
    g_thread_join(a);
    g_thread_join(b);
    return 0;
}
