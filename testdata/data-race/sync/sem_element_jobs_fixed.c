// expect-no-findings
/*
 * sem_element_jobs_fixed.c - an array of jobs, each with its own
 * semaphore; each worker is started with its job's address (`&jobs[i]`),
 * writes the result and posts its job's semaphore. main, in a loop over
 * the jobs, waits on each job's semaphore and reads that job's result.
 *
 * TRUTH: no race: main reads jobs[i].result only after a post on
 * jobs[i].done, which only the worker owning jobs[i] makes, after its
 * write. The element-flag rule (mhp.c), for instances started with an
 * element's address: the waited element and the element read are the
 * same index of the same array.
 */
#include <pthread.h>
#include <semaphore.h>

#define N 4

struct job {
    sem_t done;
    long result;
};

static struct job jobs[N];

static void *run(void *arg) {
    struct job *j = arg;
    j->result = 42;
    sem_post(&j->done);
    return NULL;
}

int main(void) {
    pthread_t th[N];
    long total = 0;
    for (int i = 0; i < N; i++) {
        sem_init(&jobs[i].done, 0, 0);
        pthread_create(&th[i], NULL, run, &jobs[i]);
    }
    for (int i = 0; i < N; i++) {
        sem_wait(&jobs[i].done);
        total += jobs[i].result;
    }
    for (int i = 0; i < N; i++) pthread_join(th[i], NULL);
    return (int)total;
}
