/*
 * heap_write_after_spawn_racy.c - main allocates a job per thread, fills it
 * in and hands it over, but then writes it again after pthread_create, while
 * the new thread may be reading it.
 *
 * TRUTH: race on `id` between main's write after the create and the worker's
 * read. main's write before the create is no race (the thread does not exist
 * yet), so the finding's primary location is the write after the create.
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
    j->result = (long)j->id * 2;
    return NULL;
}

int main(void) {
    pthread_t t[N];
    struct job *jobs[N];
    for (int i = 0; i < N; i++) {
        jobs[i] = malloc(sizeof *jobs[i]);
        if (!jobs[i])
            return 1;
        jobs[i]->id = i;
        pthread_create(&t[i], NULL, worker, jobs[i]);
        jobs[i]->id = -1; // expect: data-race 'id'
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    long sum = 0;
    for (int i = 0; i < N; i++)
        sum += jobs[i]->result;
    printf("%ld\n", sum);
    return 0;
}
