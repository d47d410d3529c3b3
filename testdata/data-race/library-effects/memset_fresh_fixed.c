// expect-no-findings
/*
 * memset_fresh_fixed.c - main clears a freshly allocated request with
 * memset, fills it in and only then publishes it (under a lock) to the
 * worker it started earlier, which updates the request without the lock.
 *
 * The memset is an access through the fresh pointer before the pointer is
 * published (stored in `pending`), so it happens before every access of
 * another thread (mhp rule hand-off), like the plain field write after it.
 * No finding.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct request {
    int id;
    int done;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct request *pending;

static void *worker(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&lock);
        struct request *r = pending;
        pthread_mutex_unlock(&lock);
        if (r) {
            r->done = r->id;
            return NULL;
        }
    }
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    struct request *r = malloc(sizeof *r);
    if (!r)
        return 1;
    memset(r, 0, sizeof *r);
    r->id = 7;
    pthread_mutex_lock(&lock);
    pending = r;
    pthread_mutex_unlock(&lock);
    pthread_join(t, NULL);
    return 0;
}
