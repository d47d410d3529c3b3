// racecheck-args: -- $(pkg-config --cflags glib-2.0)
// expect-no-findings
/*
 * glib_thread_fixed.c - glib_thread_racy.c with every writer holding the
 * writer lock, plus a GRecMutex taken twice (recursively) around a counter,
 * and threads joined in an array loop.
 *
 * Reads happen under the reader lock, writes under the writer lock (an
 * increment, not the sum read under the reader lock: storing that would be
 * a read and a write-back in two regions, an atomicity-violation), the
 * counter only under the recursive mutex; main touches the shared data only
 * after joining every thread (g_thread_new's handle is its return value,
 * stored in threads[i] and joined by the matching loop).
 */
#include <glib.h>
#include <stdio.h>

#define N 4

static GRWLock table_lock;
static GRecMutex count_lock;
static int table[8];
static long count;

static void bump(void)
{
    g_rec_mutex_lock(&count_lock);
    count++;
    g_rec_mutex_unlock(&count_lock);
}

static gpointer worker(gpointer arg)
{
    (void)arg;
    long sum = 0;
    g_rw_lock_reader_lock(&table_lock);
    for (int i = 0; i < 8; i++)
        sum += table[i];
    g_rw_lock_reader_unlock(&table_lock);
    g_rw_lock_writer_lock(&table_lock);
    table[1]++;
    g_rw_lock_writer_unlock(&table_lock);
    if (sum < 0)
        g_warning("negative table");
    g_rec_mutex_lock(&count_lock);
    bump();
    g_rec_mutex_unlock(&count_lock);
    return NULL;
}

int main(void)
{
    GThread *threads[N];
    for (int i = 0; i < N; i++)
        threads[i] = g_thread_new("worker", worker, NULL);
    for (int i = 0; i < N; i++)
        g_thread_join(threads[i]);
    printf("%d %ld\n", table[1], count);
    return 0;
}
