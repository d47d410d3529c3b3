/*
 * heap_handoff_racy.c - main hands a heap job to a thread, then peeks at the
 * result before joining.
 *
 * main's read of job->result lies between pthread_create and pthread_join, so
 * it may run in parallel with run_job's write of the same field. The only
 * write involved is run_job's, the primary location. main's initialising
 * writes precede the create; its second read follows the join. The input
 * field is only read while the thread runs: no race on it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct job {
    int input;
    long result;
};

static void *run_job(void *arg)
{
    struct job *job = arg;

    job->result = (long)job->input * job->input; // expect: data-race 'result'
    return NULL;
}

int main(void)
{
    struct job *job = malloc(sizeof *job);
    pthread_t t;

    if (!job)
        return 1;
    job->input = 12;
    job->result = 0;
    pthread_create(&t, NULL, run_job, job);
    printf("early peek: %ld\n", job->result); /* before the join */
    pthread_join(t, NULL);
    printf("result: %ld\n", job->result);
    free(job);
    return 0;
}
