/*
 * detached_racy.c - main starts a detached watchdog thread that records a
 * status in a global, and main records its own status in the same global.
 *
 * A detached thread is never joined, so nothing main does after
 * pthread_create is ordered with the watchdog: main's write races with the
 * watchdog's write. The primary location is the first write in file order,
 * the watchdog's. main's write before pthread_create is not involved.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int last_status;

static int probe(void)
{
    return access("/tmp", W_OK) == 0 ? 1 : -1;
}

static void *watchdog(void *arg)
{
    (void)arg;
    last_status = probe(); // expect: data-race 'last_status'
    return NULL;
}

int main(void)
{
    pthread_t t;

    last_status = 0;
    pthread_create(&t, NULL, watchdog, NULL);
    pthread_detach(t);
    last_status = 2; /* main's own status: may overlap the watchdog's write */
    printf("status %d\n", last_status);
    return 0;
}
