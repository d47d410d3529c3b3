/*
 * guard_teardown_racy.c - guard_teardown_fixed.c with a tear-down that
 * resets `jobs` without joining the workers: the next setup() runs while
 * workers started before are still running, and its unlocked writes race
 * with their locked ones.
 *
 * TRUTH: three races, jobs, pending and total (setup() against worker():
 * the workers left running read jobs to take its lock).
 */
#include <pthread.h>
#include <stdlib.h>


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
    jobs = malloc(sizeof *jobs); // expect: data-race 'jobs'
    if (jobs == NULL)
        abort();
    pthread_mutex_init(&jobs->lock, NULL);
    pending = 0; // expect: data-race 'pending'
    total = 0; // expect: data-race 'total'
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
    jobs = NULL; /* the workers are left running: their lock leaks */
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
