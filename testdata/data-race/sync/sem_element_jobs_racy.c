/*
 * sem_element_jobs_racy.c - sem_element_jobs_fixed.c, but each worker
 * posts its semaphore before it writes the result.
 *
 * TRUTH: races: main may read jobs[i].result while worker i writes it.
 *
 * The fixed file's account: an array of jobs, each with its own
 * semaphore; each worker is started with its job's address (`&jobs[i]`),
 * writes the result and posts its job's semaphore. main, in a loop over
 * the jobs, waits on each job's semaphore and reads that job's result.
 *
 * (fixed) no race: main reads jobs[i].result only after a post on
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
    sem_post(&j->done);
    j->result = 42; // expect: data-race 'result'
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
