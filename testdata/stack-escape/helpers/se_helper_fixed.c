/*
 * se_helper_fixed.c - run_job() hands its local job to the spawning helper
 * and joins the thread before it returns.
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>

struct job {
    int id;
};

static void *job_main(void *arg) {
    struct job *j = arg;
    printf("%d\n", j->id);
    return NULL;
}

static void spawn_job(struct job *j, pthread_t *tid) {
    pthread_create(tid, NULL, job_main, j);
}

static void run_job(int id) {
    struct job j = {id};
    pthread_t tid;
    spawn_job(&j, &tid);
    pthread_join(tid, NULL);
}

int main(void) {
    run_job(1);
    return 0;
}
