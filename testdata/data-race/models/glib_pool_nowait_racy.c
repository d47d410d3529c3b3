// racecheck-args: -- $(pkg-config --cflags glib-2.0)
/*
 * glib_pool_nowait_racy.c - the pool is freed without waiting
 * (g_thread_pool_free(pool, FALSE, FALSE)), so the queued work may still run
 * when main reads the result.
 *
 * work() writes `result` in pool threads (many instances: they race with
 * each other too); main reads it after a free that does not wait, which is
 * no join. The first write in file order is work's.
 */
#include <glib.h>
#include <stdio.h>

static long result;

static void work(gpointer data, gpointer user_data)
{
    (void)user_data;
    result = GPOINTER_TO_INT(data); // expect: data-race 'result'
}

int main(void)
{
    GThreadPool *pool = g_thread_pool_new(work, NULL, 2, FALSE, NULL);
    g_thread_pool_push(pool, GINT_TO_POINTER(1), NULL);
    g_thread_pool_free(pool, FALSE, FALSE);
    printf("%ld\n", result);
    return 0;
}
