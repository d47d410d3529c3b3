/*
 * own_move_racy.c - main allocates a job, fills it in and hands it to one
 * thread, which uses and frees it: moved, no race on input. main then writes
 * the job's flag after the create while the thread reads it: shared, race.
 * The thread's free is a write of every field, the first write of the race
 * in the file: the finding is reported there.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
struct job { int input; int flag; };
static void *run(void *arg) {
    struct job *j = arg;
    printf("%d %d\n", j->input, j->flag);
    free(j); // expect: data-race 'flag'
    return NULL;
}
int main(void) {
    struct job *j = malloc(sizeof *j);
    if (!j) return 1;
    j->input = 42;
    j->flag = 0;
    pthread_t t;
    pthread_create(&t, NULL, run, j);
    j->flag = 1; /* races with the thread's read and its free */
    pthread_join(t, NULL);
    return 0;
}
