/*
 * creation_chain_racy.c - as creation_chain_fixed.c (stage k fills its slot
 * from the previous one, starts stage k + 1 and joins it), but each stage
 * writes a trace entry into the shared array after starting its successor
 * and before joining it.
 *
 * TRUTH: a race on level: stage k's late write runs while stage k + 1 reads
 * and writes the array. Both writes are involved; the stages' first write
 * comes first in file order (primary location).
 */
#include <pthread.h>
#include <stdio.h>

#define STAGES 6

static long level[STAGES + 2];

static void *stage(void *arg)
{
    long k = (long)arg;
    pthread_t next;

    level[k] = level[k - 1] * 2 + k; // expect: data-race 'level'
    if (k < STAGES) {
        pthread_create(&next, NULL, stage, (void *)(k + 1));
        level[STAGES + 1] = k; /* BUG: stage k + 1 is running */
        pthread_join(next, NULL);
    }
    return NULL;
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
