// racecheck-args: -- $(pkg-config --cflags apr-1 apr-util-1)
// expect-no-findings
/*
 * apr_pool_fixed.c - apr_pool_racy.c with the log index protected by an
 * apr_thread_mutex_t held by every task; main reads it after
 * apr_thread_pool_destroy has waited for the tasks.
 */
#include <apr_general.h>
#include <apr_pools.h>
#include <apr_thread_mutex.h>
#include <apr_thread_pool.h>
#include <stdio.h>

static apr_thread_mutex_t *log_lock;
static int log_len;

static void *APR_THREAD_FUNC task(apr_thread_t *thread, void *param)
{
    int *value = param;
    (void)thread;
    if (*value > 0) {
        apr_thread_mutex_lock(log_lock);
        log_len++;
        apr_thread_mutex_unlock(log_lock);
    }
    return NULL;
}

int main(void)
{
    apr_pool_t *pool;
    apr_thread_pool_t *tp;
    static int values[4] = {1, 2, 3, 4};
    apr_initialize();
    apr_pool_create(&pool, NULL);
    apr_thread_mutex_create(&log_lock, APR_THREAD_MUTEX_DEFAULT, pool);
    apr_thread_pool_create(&tp, 2, 4, pool);
    for (int i = 0; i < 4; i++)
        apr_thread_pool_push(tp, task, &values[i], APR_THREAD_TASK_PRIORITY_NORMAL, NULL);
    apr_thread_pool_destroy(tp);
    printf("%d\n", log_len);
    apr_pool_destroy(pool);
    apr_terminate();
    return 0;
}
