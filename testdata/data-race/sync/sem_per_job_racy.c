/*
 * sem_per_job_racy.c - sem_per_job_fixed.c, but main reads the second
 * job's result before it waits on that job's semaphore.
 *
 * TRUTH: races: waiting on ja.done orders only the first worker; the
 * second worker's write of jb.result meets main's early read.
 *
 * The fixed file's account: one worker routine started twice, each start with
 * its own job (`&ja`, `&jb`); the worker writes its job's result and posts
 * its job's semaphore. main waits on each job's semaphore before it reads
 * that job's result.
 *
 * (fixed) no race: each worker posts the semaphore of the job its start
 * passed (`sem_post(&j->done)`, j its start parameter), so main's wait on
 * ja.done orders the first worker's write before main's read of
 * ja.result, and jb alike. The post's semaphore is narrowed by the start
 * value as accesses are (instances.c); before, each worker seemed to post
 * both semaphores, so neither wait ordered one worker.
 */
#include <pthread.h>
#include <semaphore.h>

struct job {
    sem_t done;
    long result;
};

static struct job ja, jb;

static void *run(void *arg) {
    struct job *j = arg;
    j->result = 42; // expect: data-race 'result'
    sem_post(&j->done);
    return NULL;
}

int main(void) {
    pthread_t t1, t2;
    long total;
    sem_init(&ja.done, 0, 0);
    sem_init(&jb.done, 0, 0);
    pthread_create(&t1, NULL, run, &ja);
    pthread_create(&t2, NULL, run, &jb);
    sem_wait(&ja.done);
    total = ja.result + jb.result;
    sem_wait(&jb.done);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return (int)total;
}
