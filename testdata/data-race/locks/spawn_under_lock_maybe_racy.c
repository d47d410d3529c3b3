/*
 * spawn_under_lock_maybe_racy.c - main starts the reporter while holding
 * the mutex and writes `limit` under it; the reporter passes through the
 * mutex only when its argument asks for it, then reads limit without it.
 *
 * TRUTH: a race on limit: on the path that skips the lock the reporter may
 * read while main still writes (primary location: main's write, the only
 * one).
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long limit;
static int sync_first;

static void *reporter(void *arg)
{
    (void)arg;
    if (sync_first) {
        pthread_mutex_lock(&mu);
        pthread_mutex_unlock(&mu);
    }
    printf("limit %ld\n", limit);
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t t;

    (void)argv;
    sync_first = argc > 1;
    pthread_mutex_lock(&mu);
    pthread_create(&t, NULL, reporter, NULL);
    limit = 100; // expect: data-race 'limit'
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    return 0;
}
