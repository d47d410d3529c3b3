/*
 * spawn_under_lock_late_racy.c - main starts a reporter while holding the
 * mutex and writes `limit` under it; the reporter locks and unlocks the
 * mutex once, then reads limit without it. main writes limit once more
 * after it released the mutex.
 *
 * TRUTH: a race on limit: main's write after the unlock may run while the
 * reporter reads (primary location: that write). The write made while main
 * still holds the mutex it held at the create comes before the reporter's
 * lock: not involved.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long limit;

static void *reporter(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    pthread_mutex_unlock(&mu);
    printf("limit %ld\n", limit);
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_mutex_lock(&mu);
    pthread_create(&t, NULL, reporter, NULL);
    limit = 100;
    pthread_mutex_unlock(&mu);
    limit = 200; // expect: data-race 'limit'
    pthread_join(t, NULL);
    return 0;
}
