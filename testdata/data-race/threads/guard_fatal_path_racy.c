/*
 * guard_fatal_path_racy.c - a set-up guarded by `jobs` (set-up only while
 * it is NULL, torn down after the join) whose start helper calls, on its
 * error path only, a fatal handler (as pigz's yarn calls fail(), which
 * exits). The handler tears down - it resets `jobs` - but never returns:
 * after a call of the helper that returns, `jobs` is as it was. So the workers are started while
 * `jobs` is set, and the set-up's writes on its next run (behind `jobs ==
 * NULL`) come after the join.
 *
 * TRUTH: one race, on the error path: when the second pthread_create()
 * fails, the handler's reset of `jobs` runs while the first worker reads
 * it. None on pending and total: a model that counts the handler's reset
 * as the helper's effect on its caller loses the guard and reports them.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>


struct jobs {
    pthread_mutex_t lock;
};

static struct jobs *jobs;
static long pending, total;
static pthread_t workers[2];

static void fail(int code)
{
    jobs = NULL; // expect: data-race 'jobs'
    fprintf(stderr, "fatal %d\n", code);
    exit(code);
}

static void *worker(void *arg)
{
    pthread_mutex_lock(&jobs->lock);
    pending--;
    total++;
    pthread_mutex_unlock(&jobs->lock);
    return arg;
}

static void start(pthread_t *t)
{
    if (pthread_create(t, NULL, worker, NULL) != 0)
        fail(2);
}

static void setup(void)
{
    if (jobs != NULL)
        return;
    jobs = malloc(sizeof *jobs);
    if (jobs == NULL)
        abort();
    pthread_mutex_init(&jobs->lock, NULL);
    pending = 0;
    total = 0;
    for (int i = 0; i < 2; i++)
        start(&workers[i]);
}

static void finish(void)
{
    if (jobs == NULL)
        return;
    for (int i = 0; i < 2; i++)
        pthread_join(workers[i], NULL);
    pthread_mutex_destroy(&jobs->lock);
    free(jobs);
    jobs = NULL;
}

int main(void)
{
    for (int round = 0; round < 4; round++) {
        setup();
        if (round % 2)
            finish();
    }
    finish();
    printf("%ld %ld\n", pending, total);
    return 0;
}
