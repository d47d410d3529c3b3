// racecheck-args: -- -Itestdata/data-race/models/include
/*
 * thpool_racy.c - C-Thread-Pool: thpool_add_work(pool, fn, arg) runs fn(arg)
 * in a pool thread (many instances); thpool_wait(pool) waits for all work
 * added before it.
 *
 * Each task gets its own heap-allocated job (no race on job->n), but all of
 * them add to the global `sum` with no lock: the tasks race with each other.
 * main also writes `sum` between two submissions, while the first task may
 * run. main's read after thpool_wait is ordered after every task.
 */
#include <stdio.h>
#include <stdlib.h>
#include <thpool.h>

struct job {
    int n;
};

static long sum;

static void task(void *arg)
{
    struct job *job = arg;
    job->n *= 2;
    sum += job->n; // expect: data-race 'sum'
    free(job);
}

int main(void)
{
    threadpool pool = thpool_init(4);
    for (int i = 0; i < 8; i++) {
        struct job *job = malloc(sizeof *job);
        if (!job)
            return 1;
        job->n = i;
        thpool_add_work(pool, task, job);
        if (i == 4)
            sum = 0;
    }
    thpool_wait(pool);
    printf("%ld\n", sum);
    thpool_destroy(pool);
    return 0;
}
