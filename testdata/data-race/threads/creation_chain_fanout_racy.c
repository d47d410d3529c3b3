/*
 * creation_chain_fanout_racy.c - like creation_chain_fixed.c each stage
 * writes the shared `depth_seen` before it starts its successors and joins
 * them, but every stage below the limit starts two successors.
 *
 * TRUTH: a race on depth_seen: the two successors of one stage run at the
 * same time and both write it before starting their own (primary location:
 * that write, the only one).
 */
#include <pthread.h>
#include <stdio.h>

#define LIMIT 4

static long depth_seen;

static void *stage(void *arg)
{
    long k = (long)arg;
    pthread_t next[2];

    depth_seen = k; // expect: data-race 'depth_seen'
    if (k < LIMIT) {
        for (int i = 0; i < 2; i++)
            pthread_create(&next[i], NULL, stage, (void *)(k + 1));
        for (int i = 0; i < 2; i++)
            pthread_join(next[i], NULL);
    }
    return NULL;
}

int main(void)
{
    pthread_t first;

    pthread_create(&first, NULL, stage, (void *)1L);
    pthread_join(first, NULL);
    printf("%ld\n", depth_seen);
    return 0;
}
