/*
 * se_helper_racy.c - run_job() hands its local job to a spawning helper
 * (spawn_job) and returns without joining; the helper's caller is the
 * frame that dies.
 */
#include <pthread.h>
#include <stdio.h>

struct job {
    int id;
};

static pthread_t tids[2];

static void *job_main(void *arg) {
    struct job *j = arg;
    printf("%d\n", j->id);
    return NULL;
}

static void spawn_job(struct job *j, pthread_t *tid) {
    pthread_create(tid, NULL, job_main, j); // expect: stack-escape 'j'
}

static void run_job(int id) {
    struct job j = {id};
    spawn_job(&j, &tids[0]);
}

int main(void) {
    run_job(1);
    pthread_join(tids[0], NULL);
    return 0;
}
