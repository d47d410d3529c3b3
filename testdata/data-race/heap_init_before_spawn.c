/*
 * heap_init_before_spawn.c - the common hand-off: main allocates a job in the
 * create loop, fills it in, and hands it to a new thread, which reads it and
 * writes its result into it. main reads the results after joining.
 *
 * TRUTH: no race: main writes job k before thread k exists, and never touches
 * it again until the join. racecheck merges the jobs into one abstract object
 * and sees main's write of job k+1 while thread k runs: a known false alarm
 * until ownership (moves) is modelled.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define N 4

struct job {
    int id;
    long result;
};

static void *worker(void *arg) {
    struct job *j = arg;
    j->result = (long)j->id * j->id;
    return NULL;
}

int main(void) {
    pthread_t t[N];
    struct job *jobs[N];
    for (int i = 0; i < N; i++) {
        jobs[i] = malloc(sizeof *jobs[i]);
        if (!jobs[i])
            return 1;
        jobs[i]->id = i; // known-false-alarm: data-race 'id'
        pthread_create(&t[i], NULL, worker, jobs[i]);
    }
    long sum = 0;
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
    }
    for (int i = 0; i < N; i++)
        sum += jobs[i]->result;
    printf("%ld\n", sum);
    return 0;
}
