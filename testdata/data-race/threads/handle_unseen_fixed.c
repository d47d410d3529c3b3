// expect-no-findings
/*
 * handle_unseen_fixed.c - as handle_unseen_racy.c (a flusher thread, a
 * registry function racecheck does not see), but the registry gets a copy
 * of the handle's value, not its address; main joins its own handle.
 *
 * TRUTH: no race: the join waits for the flusher before main reads.
 */
#include <pthread.h>
#include <stdio.h>

void registry_note(pthread_t handle); /* defined elsewhere */

static long flushes;

static void *flusher(void *arg)
{
    (void)arg;
    flushes++;
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, flusher, NULL);
    registry_note(t);
    pthread_join(t, NULL);
    printf("%ld\n", flushes);
    return 0;
}
