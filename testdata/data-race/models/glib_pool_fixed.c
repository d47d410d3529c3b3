// racecheck-args: -- $(pkg-config --cflags glib-2.0)
// expect-no-findings
/*
 * glib_pool_fixed.c - glib_pool_racy.c with the counter protected by a
 * GMutex held at every access from the pool's work function.
 *
 * Every write to stats->processed happens under stats->lock; main reads it
 * after g_thread_pool_free(pool, FALSE, TRUE) has waited for the work, so
 * nothing races.
 */
#include <glib.h>
#include <stdio.h>

struct stats {
    GMutex lock;
    long processed;
};

struct job {
    long value;
};

static void work(gpointer data, gpointer user_data)
{
    struct job *job = data;
    struct stats *stats = user_data;
    job->value *= 2;
    g_mutex_lock(&stats->lock);
    stats->processed++;
    g_mutex_unlock(&stats->lock);
    g_free(job);
}

int main(void)
{
    struct stats stats;
    g_mutex_init(&stats.lock);
    stats.processed = 0;
    GThreadPool *pool = g_thread_pool_new(work, &stats, 4, FALSE, NULL);
    for (long i = 0; i < 16; i++) {
        struct job *job = g_new0(struct job, 1);
        job->value = i;
        g_thread_pool_push(pool, job, NULL);
    }
    g_thread_pool_free(pool, FALSE, TRUE);
    printf("%ld items\n", stats.processed);
    g_mutex_clear(&stats.lock);
    return 0;
}
