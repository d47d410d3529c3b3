// racecheck-args: -- $(pkg-config --cflags glib-2.0)
/*
 * glib_pool_racy.c - a GThreadPool whose work function counts the items it
 * processed in the pool's user data without a lock.
 *
 * g_thread_pool_push runs work(item, stats) in a pool thread: many
 * instances, concurrent with each other and with main after the push. The
 * instances race on stats->processed. main reads stats only after
 * g_thread_pool_free(pool, FALSE, TRUE), which waits for the queued work
 * (a join of every push before it): those reads are not involved. The
 * items are per push (heap objects handed to exactly one task): no race on
 * job->value.
 */
#include <glib.h>
#include <stdio.h>

struct stats {
    long processed;
    long sum;
};

struct job {
    long value;
};

static void work(gpointer data, gpointer user_data)
{
    struct job *job = data;
    struct stats *stats = user_data;
    job->value *= 2;
    stats->processed++; // expect: data-race 'processed'
    g_free(job);
}

int main(void)
{
    struct stats stats = {0, 0};
    GThreadPool *pool = g_thread_pool_new(work, &stats, 4, FALSE, NULL);
    for (long i = 0; i < 16; i++) {
        struct job *job = g_new0(struct job, 1);
        job->value = i;
        g_thread_pool_push(pool, job, NULL);
    }
    g_thread_pool_free(pool, FALSE, TRUE);
    printf("%ld items\n", stats.processed);
    return 0;
}
