// expect-no-findings
/*
 * creation_chain_fixed.c - a chain of stage threads: stage k computes its
 * own slot from the previous one, then starts stage k + 1 and joins it, and
 * only then reads the last slot; main starts stage 1, joins it and prints.
 *
 * TRUTH: no race. Stage k's accesses before it creates stage k + 1 happen
 * before everything stage k + 1 (and the stages it creates) does; its read
 * after the join comes after all of them ended. No stage touches the array
 * while its successor runs.
 */
#include <pthread.h>
#include <stdio.h>

#define STAGES 6

static long level[STAGES + 1];

static void *stage(void *arg)
{
    long k = (long)arg;
    pthread_t next;
    long last;

    level[k] = level[k - 1] * 2 + k;
    if (k < STAGES) {
        pthread_create(&next, NULL, stage, (void *)(k + 1));
        pthread_join(next, NULL);
    }
    last = level[STAGES];
    return (void *)last;
}

int main(void)
{
    pthread_t first;

    level[0] = 1;
    pthread_create(&first, NULL, stage, (void *)1L);
    pthread_join(first, NULL);
    printf("%ld\n", level[STAGES]);
    return 0;
}
