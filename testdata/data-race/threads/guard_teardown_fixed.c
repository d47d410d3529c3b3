/*
 * guard_teardown_fixed.c - a subsystem set up lazily and torn down after
 * its threads are joined (pigz's setup_jobs / finish_jobs): setup() does
 * its work only while `jobs` is NULL, sets it, and the workers are started
 * after it; finish() joins them all before it resets `jobs`. So setup()'s
 * unlocked writes run when no worker is running: the first time, before
 * any is started; later, `jobs` is set and setup() returns at once, until
 * finish() has joined them.
 *
 * TRUTH: no race. A model that merges setup()'s first run with its later
 * calls, made while the workers run, reports pending and total.
 */
#include <pthread.h>
#include <stdlib.h>

// expect-no-findings

struct jobs {
    pthread_mutex_t lock;
};

static struct jobs *jobs;
static long pending, total;
static pthread_t workers[2];
static int started;

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
}

static void *worker(void *arg)
{
    pthread_mutex_lock(&jobs->lock);
    pending--;
    total++;
    pthread_mutex_unlock(&jobs->lock);
    return arg;
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

static void run(int round)
{
    setup();
    pthread_mutex_lock(&jobs->lock);
    pending += 2;
    pthread_mutex_unlock(&jobs->lock);
    if (!started) {
        for (int i = 0; i < 2; i++)
            pthread_create(&workers[i], NULL, worker, NULL);
        started = 1;
    }
    if (round % 2) {
        finish();
        started = 0;
    }
}

int main(void)
{
    for (int round = 0; round < 4; round++)
        run(round);
    finish();
    return 0;
}
