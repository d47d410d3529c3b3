// expect-no-findings
/*
 * start_value_null_fixed.c - one routine started twice: the sampler gets
 * NULL (nothing to count into), the counter gets &hits. The routine adds to
 * *slot only when it was given a slot. main joins the counter, reads hits,
 * and joins the sampler last.
 *
 * TRUTH: no race: only the thread started with &hits writes hits, and it is
 * joined before main reads; the sampler, still running, never touches it.
 */
#include <pthread.h>
#include <stdio.h>

static long hits;
static long samples;

static void *tally(void *arg)
{
    long *slot = arg;

    if (slot)
        *slot += 1;
    return NULL;
}

static void *sample(void *arg)
{
    (void)arg;
    samples = 1;
    return NULL;
}

int main(void)
{
    pthread_t sampler, counter, other;

    pthread_create(&sampler, NULL, tally, NULL);
    pthread_create(&other, NULL, sample, NULL);
    pthread_create(&counter, NULL, tally, &hits);
    pthread_join(counter, NULL);
    printf("hits %ld\n", hits);
    pthread_join(sampler, NULL);
    pthread_join(other, NULL);
    printf("samples %ld\n", samples);
    return 0;
}
