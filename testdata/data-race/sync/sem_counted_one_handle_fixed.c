// expect-no-findings
/*
 * sem_counted_one_handle_fixed.c - detached workers started through one
 * handle variable (`pthread_create(&t, ..); pthread_detach(t)` in the
 * create loop: no handle array), each posting `done` once after writing
 * its own slot; main waits N times, then reads every slot. The create
 * loop's own counter says how many workers there are: N posts answer the
 * N waits only when every worker has posted (sem_counted_fixed.c keeps the
 * handles in an array).
 *
 * TRUTH: no race.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define N 4

static long results[N];
static sem_t done;

static void *worker(void *arg)
{
    long id = (long)arg;
    results[id] = id * 4;
    sem_post(&done);
    return NULL;
}

int main(void)
{
    pthread_t t;
    sem_init(&done, 0, 0);
    for (long i = 0; i < N; i++) {
        if (pthread_create(&t, NULL, worker, (void *)i) != 0)
            return 1;
        pthread_detach(t);
    }
    for (int i = 0; i < N; i++)
        sem_wait(&done);
    long s = 0;
    for (int i = 0; i < N; i++)
        s += results[i];
    printf("%ld\n", s);
    return 0;
}
