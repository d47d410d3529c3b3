// expect-no-findings
/*
 * sem_timedwait_handoff_fixed.c - a loader thread fills a table and posts a
 * semaphore initialised to 0; main waits for it with a deadline
 * (sem_timedwait) and uses the table only when the wait succeeded. On a
 * timeout it reports the error without touching the table.
 *
 * TRUTH: no race. The table is read only on the path where sem_timedwait
 * returned 0, which follows the loader's post, which follows all its writes.
 * After a timeout main joins the loader before it frees anything.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>

#define N 16

static int table[N];
static int nentries;
static sem_t ready;

static void *loader(void *arg)
{
    (void)arg;
    for (int i = 0; i < N; i++)
        table[i] = i * i;
    nentries = N;
    sem_post(&ready);
    return NULL;
}

int main(void)
{
    pthread_t t;
    struct timespec deadline;

    sem_init(&ready, 0, 0);
    pthread_create(&t, NULL, loader, NULL);
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 2;
    if (sem_timedwait(&ready, &deadline) == 0) {
        long sum = 0;
        for (int i = 0; i < nentries; i++)
            sum += table[i];
        printf("sum %ld\n", sum);
    } else {
        fprintf(stderr, "loader timed out\n");
    }
    pthread_join(t, NULL);
    sem_destroy(&ready);
    return 0;
}
