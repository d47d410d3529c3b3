// racecheck-args: -- $(pkg-config --cflags apr-1 apr-util-1)
/*
 * apr_pool_racy.c - apr-util's thread pool: tasks pushed with
 * apr_thread_pool_push run func(thread, param) in pool threads, many
 * instances at once; apr_thread_pool_destroy waits for them.
 *
 * Every task appends to the shared log index `log_len` without a lock: the
 * task instances race with each other. main reads it after the destroy,
 * which joins the tasks: not involved.
 */
#include <apr_general.h>
#include <apr_pools.h>
#include <apr_thread_pool.h>
#include <stdio.h>

static int log_len;

static void *APR_THREAD_FUNC task(apr_thread_t *thread, void *param)
{
    int *value = param;
    (void)thread;
    if (*value > 0)
        log_len++; // expect: data-race 'log_len'
    return NULL;
}

int main(void)
{
    apr_pool_t *pool;
    apr_thread_pool_t *tp;
    static int values[4] = {1, 2, 3, 4};
    apr_initialize();
    apr_pool_create(&pool, NULL);
    apr_thread_pool_create(&tp, 2, 4, pool);
    for (int i = 0; i < 4; i++)
        apr_thread_pool_push(tp, task, &values[i], APR_THREAD_TASK_PRIORITY_NORMAL, NULL);
    apr_thread_pool_destroy(tp);
    printf("%d\n", log_len);
    apr_pool_destroy(pool);
    apr_terminate();
    return 0;
}
