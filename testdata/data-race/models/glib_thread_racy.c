// racecheck-args: -- $(pkg-config --cflags glib-2.0)
/*
 * glib_thread_racy.c - threads started with g_thread_new (the handle is the
 * return value) update a shared table; one writer forgets the GRWLock.
 *
 * reader() reads under the reader lock, good_writer() writes under the
 * writer lock, bad_writer() writes with no lock: its write races with both.
 * main reads the table after g_thread_join of every thread, so it is not
 * involved. good_writer's locked write of table[0] is not involved either:
 * bad_writer writes table[1], another element (rule const-slices), so the
 * primary location is bad_writer's write, racing with the reader's.
 */
#include <glib.h>
#include <stdio.h>

static GRWLock table_lock;
static int table[8];

static gpointer reader(gpointer arg)
{
    (void)arg;
    long sum = 0;
    g_rw_lock_reader_lock(&table_lock);
    for (int i = 0; i < 8; i++)
        sum += table[i];
    g_rw_lock_reader_unlock(&table_lock);
    return GINT_TO_POINTER(sum != 0);
}

static gpointer good_writer(gpointer arg)
{
    (void)arg;
    g_rw_lock_writer_lock(&table_lock);
    table[0] = 1;
    g_rw_lock_writer_unlock(&table_lock);
    return NULL;
}

static gpointer bad_writer(gpointer arg)
{
    (void)arg;
    table[1] = 2; // expect: data-race 'table'
    return NULL;
}

int main(void)
{
    GThread *r = g_thread_new("reader", reader, NULL);
    GThread *w = g_thread_new("writer", good_writer, NULL);
    GThread *b = g_thread_new("bad", bad_writer, NULL);
    g_thread_join(r);
    g_thread_join(w);
    g_thread_join(b);
    printf("%d %d\n", table[0], table[1]);
    return 0;
}
