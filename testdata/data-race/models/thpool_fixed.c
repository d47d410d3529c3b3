// racecheck-args: -- -Itestdata/data-race/models/include
// expect-no-findings
/*
 * thpool_fixed.c - thpool_racy.c with each task writing only its own job and
 * main summing the results after thpool_wait, which waits for every task
 * added before it. The jobs are allocated per submission and handed to one
 * task each: the tasks do not share them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <thpool.h>

#define N 8

struct job {
    int n;
    long result;
};

static void task(void *arg)
{
    struct job *job = arg;
    job->result = (long)job->n * 2;
}

int main(void)
{
    struct job *jobs[N];
    threadpool pool = thpool_init(4);
    for (int i = 0; i < N; i++) {
        struct job *job = malloc(sizeof *job);
        if (!job)
            return 1;
        job->n = i;
        jobs[i] = job;
        thpool_add_work(pool, task, job);
    }
    thpool_wait(pool);
    long sum = 0;
    for (int i = 0; i < N; i++)
        sum += jobs[i]->result;
    printf("%ld\n", sum);
    thpool_destroy(pool);
    return 0;
}
