// expect-no-findings
/*
 * cleanup_handlers.c - workers that count under a mutex whose release is a
 * cancellation cleanup handler (pthread_cleanup_push(unlock, &m) ...
 * pthread_cleanup_pop(1)). glibc's macros call __pthread_register_cancel
 * and __pthread_unregister_cancel on the caller's own cleanup buffer; the
 * effects models of rules/libc-effects.json describe them, so a run lists
 * no unknown call (cli/list_unknown_cleanup) and the count is protected.
 *
 * TRUTH: no race.
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long count;

static void unlock_cb(void *p)
{
    pthread_mutex_unlock(p);
}

static void *worker(void *arg)
{
    pthread_mutex_lock(&m);
    pthread_cleanup_push(unlock_cb, &m);
    count++;
    pthread_cleanup_pop(1);
    return arg;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return count == 2 ? 0 : 1;
}
