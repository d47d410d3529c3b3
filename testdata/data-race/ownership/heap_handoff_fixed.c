// expect-no-findings
/*
 * heap_handoff_fixed.c - main allocates a job, fills it, hands it to one
 * thread and reads the result only after joining it.
 *
 * The heap object is shared between main and run_job, but main's writes
 * precede pthread_create and its read and free follow pthread_join: the job
 * is moved to the thread and moved back. No finding.
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

    job->result = (long)job->input * job->input;
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
    pthread_join(t, NULL);
    printf("result: %ld\n", job->result);
    free(job);
    return 0;
}
