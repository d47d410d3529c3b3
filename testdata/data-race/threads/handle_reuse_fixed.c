// expect-no-findings
/*
 * handle_reuse_fixed.c - main reuses one pthread_t for its helper threads,
 * but joins each before it starts the next; a handle initialised to 0 is
 * assigned before its create, and a second handle copied from the first
 * after the create is the one joined.
 *
 * TRUTH: no race: every helper is joined before main reads the counters.
 */
#include <pthread.h>
#include <stdio.h>

static long indexed, compacted, flushed;

static void *indexer(void *arg)
{
    (void)arg;
    indexed++;
    return NULL;
}

static void *compactor(void *arg)
{
    (void)arg;
    compacted++;
    return NULL;
}

static void *flusher(void *arg)
{
    (void)arg;
    flushed++;
    return NULL;
}

int main(void)
{
    pthread_t t, f = 0;

    pthread_create(&t, NULL, indexer, NULL);
    pthread_join(t, NULL);
    pthread_create(&t, NULL, compactor, NULL);
    pthread_join(t, NULL);
    f = t;
    pthread_create(&f, NULL, flusher, NULL);
    pthread_join(f, NULL);
    printf("%ld %ld %ld\n", indexed, compacted, flushed);
    return 0;
}
