/*
 * once_spawn_pool_racy.c - what a once routine that starts threads does not
 * order (once_spawn_pool_fixed.c is the ordered shape).
 *
 * - init_pool writes `started_at` after it started the workers, which read
 *   it: a race inside the one run of the routine.
 * - init_helper is the routine of each element of `helper_once[]`: it runs
 *   once per element, so twice, and its second run writes `helper_cfg`
 *   while the helper thread its first run started reads it.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

static pthread_once_t pool_once = PTHREAD_ONCE_INIT;
static pthread_once_t helper_once[2] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT};
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static int nworkers;
static time_t started_at;
static int helper_cfg;
static long served;

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&pool_lock);
        served += nworkers + (long)started_at;
        pthread_mutex_unlock(&pool_lock);
    }
    return NULL;
}

static void init_pool(void)
{
    pthread_t t;
    nworkers = 2;
    for (int i = 0; i < nworkers; i++)
        pthread_create(&t, NULL, worker, NULL);
    started_at = time(NULL); // expect: data-race 'started_at'
}

static void *helper(void *arg)
{
    (void)arg;
    return (void *)(long)helper_cfg;
}

static void init_helper(void)
{
    pthread_t t;
    helper_cfg = 7; // expect: data-race 'helper_cfg'
    pthread_create(&t, NULL, helper, NULL);
}

static void *client(void *arg)
{
    long k = (long)arg;
    pthread_once(&pool_once, init_pool);
    pthread_once(&helper_once[k & 1], init_helper);
    return NULL;
}

int main(void)
{
    pthread_t c[2];
    for (long i = 0; i < 2; i++)
        pthread_create(&c[i], NULL, client, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(c[i], NULL);
    return 0;
}
