/*
 * start_value_null_racy.c - as start_value_null_fixed.c (tally started with
 * NULL and with &hits, adding to *slot only when given one), but main joins
 * the NULL one and reads hits while the one counting into hits may still
 * run.
 *
 * TRUTH: a race on hits: the thread started with &hits writes it while main
 * reads (primary location: that write, the only one, spelled '*slot').
 */
#include <pthread.h>
#include <stdio.h>

static long hits;

static void *tally(void *arg)
{
    long *slot = arg;

    if (slot)
        *slot += 1; // expect: data-race 'slot'
    return NULL;
}

int main(void)
{
    pthread_t sampler, counter;

    pthread_create(&sampler, NULL, tally, NULL);
    pthread_create(&counter, NULL, tally, &hits);
    pthread_join(sampler, NULL);
    printf("hits %ld\n", hits); /* BUG: the counter is still running */
    pthread_join(counter, NULL);
    return 0;
}
