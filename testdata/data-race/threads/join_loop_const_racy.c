/*
 * join_loop_const_racy.c - main starts NWORKERS (4) workers that each fill
 * their own slot of `out`, and joins them with a loop written for the old
 * count (`j < 3`); then it sums every slot.
 *
 * TRUTH: a race on out: worker 3 is never joined, and main reads out[3]
 * while it may still write it. The workers' write is the only write
 * (primary location).
 */
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 4

static long out[NWORKERS];

static void *fill(void *arg)
{
    long id = (long)arg;

    out[id] = id * id; // expect: data-race 'out'
    return NULL;
}

int main(void)
{
    pthread_t th[NWORKERS];
    long sum = 0;

    for (long i = 0; i < NWORKERS; i++)
        pthread_create(&th[i], NULL, fill, (void *)i);
    for (int j = 0; j < 3; j++)
        pthread_join(th[j], NULL);
    for (int j = 0; j < NWORKERS; j++)
        sum += out[j];
    printf("%ld\n", sum);
    return 0;
}
