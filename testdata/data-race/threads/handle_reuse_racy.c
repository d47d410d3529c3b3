/*
 * handle_reuse_racy.c - main keeps one pthread_t for two helper threads:
 * it starts the indexer, then starts the compactor into the same variable,
 * and joins "both" with one pthread_join; the flusher's handle is
 * overwritten by an assignment before its join. Each helper bumps a counter.
 *
 * TRUTH: races on indexed and flushed: the first pthread_create's handle
 * is lost when the second create (or the assignment) overwrites the
 * variable, so those threads are never joined and may still write while
 * main reads. The helpers' writes are the only writes (primary locations).
 */
#include <pthread.h>
#include <stdio.h>

static long indexed, compacted, flushed;

static void *indexer(void *arg)
{
    (void)arg;
    indexed++; // expect: data-race 'indexed'
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
    flushed++; // expect: data-race 'flushed'
    return NULL;
}

int main(void)
{
    pthread_t t, f;

    pthread_create(&t, NULL, indexer, NULL);
    pthread_create(&t, NULL, compactor, NULL); /* BUG: the indexer's handle is lost */
    pthread_join(t, NULL);
    pthread_create(&f, NULL, flusher, NULL);
    f = pthread_self(); /* BUG: the flusher's handle is lost; the join fails at once */
    pthread_join(f, NULL);
    printf("%ld %ld %ld\n", indexed, compacted, flushed);
    return 0;
}
