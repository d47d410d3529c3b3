/*
 * jobs.c - two threads run jobs, each traced (trace.h); the job counter is
 * locked.
 */
#include "config.h"
#include "trace.h"

#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int njobs;

static void *runner(void *arg)
{
    int id = *(int *)arg;
    trace_job(id);
    pthread_mutex_lock(&lock);
    njobs++;
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    int ids[2] = {1, 2};
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, runner, &ids[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("%s: %d jobs\n", PACKAGE, njobs);
    return 0;
}
