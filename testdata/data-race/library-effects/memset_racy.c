/*
 * memset_racy.c - main clears the statistics with memset while the worker
 * it started counts into them.
 *
 * memset(&stats, 0, sizeof stats) writes every field of stats (rules kind
 * "effects", rules/libc-effects.json), so it conflicts with the worker's
 * stats.hits++ with no lock in common: a race reported on the field,
 * stats.hits. The worker's write comes first in the file: primary there.
 */
#include <pthread.h>
#include <string.h>

struct stats {
    long hits;
    long misses;
};

static struct stats stats;

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < 1000; k++)
        stats.hits++; // expect: data-race 'stats.hits'
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    memset(&stats, 0, sizeof stats);
    pthread_join(t, NULL);
    return (int)stats.hits;
}
