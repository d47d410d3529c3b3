/*
 * handle_unseen_racy.c - main starts the flusher and hands the address of
 * its handle to a registry function defined in a library racecheck does not
 * see (it may replace the handle, say with the registry's own thread);
 * then it joins the handle and reads the flush count.
 *
 * TRUTH (as far as racecheck can know): a race on flushes: after the
 * unknown call the handle may name another thread, so the join may not wait
 * for the flusher. The flusher's write is the only write (primary location).
 */
#include <pthread.h>
#include <stdio.h>

void registry_adopt(pthread_t *handle); /* defined elsewhere */

static long flushes;

static void *flusher(void *arg)
{
    (void)arg;
    flushes++; // expect: data-race 'flushes'
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, flusher, NULL);
    registry_adopt(&t);
    pthread_join(t, NULL);
    printf("%ld\n", flushes);
    return 0;
}
