// expect-no-findings
/*
 * heap_init_before_spawn.c - the common hand-off: main allocates a job in the
 * create loop, fills it in, and hands it to a new thread, which reads it and
 * writes its result into it. main reads the results after joining.
 *
 * TRUTH: no race: main writes job k before thread k exists, and never touches
 * it again until the join. The jobs come from one allocation site, so an
 * analyzer merging them sees main's write of job k+1 while thread k runs;
 * racecheck knows the job is per thread instance and that main's write comes
 * earlier in the iteration than the spawn that hands it over. The racy
 * counterpart is heap_write_after_spawn_racy.c.
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
        jobs[i]->id = i;
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
