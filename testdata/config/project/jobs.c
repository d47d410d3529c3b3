/*
 * jobs.c - work run in the project's own pool (racecheck/mypool.json, loaded
 * by .racecheck.json) and threads started through a declared wrapper.
 *
 * mypool_run(pool, fn, arg) runs fn(arg) in a pool thread, many instances;
 * mypool_drain waits for all of them. Every job writes `done_jobs` without
 * a lock: the jobs race with each other. main reads it after the drain, so
 * its read is not involved. `progress` races too (the ticker thread writes
 * it while the jobs read it) but is suppressed by fingerprint in
 * .racecheck.json. start_counted is a declared wrapper of pthread_create,
 * so its two calls are two spawn sites with their own routine and handle:
 * the ticker and the watcher are joined through their handles, and main's
 * reads of `ticks` and `watched` after the joins do not race (without the
 * declaration, the one spawn inside start_counted would merge both
 * handles, no join would match, and those reads would be reported).
 */
#include <mypool.h>
#include <pthread.h>
#include <stdio.h>

static long done_jobs;
static long progress;
static long ticks, watched;
static int started;

void legacy_start(void);
void vendor_start(void);

int start_counted(pthread_t *t, void *(*fn)(void *), void *arg)
{
    started++;
    return pthread_create(t, NULL, fn, arg);
}

static void job(void *arg)
{
    (void)arg;
    if (progress < 100)
        done_jobs++; // expect: data-race 'done_jobs'
}

static void *ticker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        progress = i;
        ticks++;
    }
    return NULL;
}

static void *watcher(void *arg)
{
    (void)arg;
    watched = 1;
    return NULL;
}

int main(void)
{
    pthread_t t, w;
    struct mypool *pool = mypool_create(4);
    start_counted(&t, ticker, NULL);
    start_counted(&w, watcher, NULL);
    for (int i = 0; i < 8; i++)
        mypool_run(pool, job, NULL);
    mypool_drain(pool);
    pthread_join(t, NULL);
    pthread_join(w, NULL);
    printf("%ld %ld %ld %ld %d\n", done_jobs, progress, ticks, watched, started);
    mypool_destroy(pool);
    legacy_start();
    vendor_start();
    return 0;
}
