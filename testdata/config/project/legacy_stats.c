/*
 * legacy_stats.c - a racy statistics counter, suppressed for every file
 * matching **\/legacy_*.c by .racecheck.json (a path suppression): verify
 * expects no finding here, and `racecheck testdata/config/project` counts
 * it as suppressed.
 */
#include <pthread.h>

long legacy_hits;

static void *legacy_worker(void *arg)
{
    (void)arg;
    legacy_hits++;
    return NULL;
}

void legacy_start(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, legacy_worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_detach(t[i]);
}
