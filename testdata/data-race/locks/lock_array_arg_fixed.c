// expect-no-findings
/*
 * lock_array_arg_fixed.c - an element of a lock array chosen by the
 * caller's index, which it also passes to the helper that touches the
 * element's data (memcached's crawler: `pthread_mutex_lock(&lru_locks[i]);
 * do_item_stats_add_crawl(cr, i);`). In the helper, the lock is the element
 * its unchanged parameter chooses, and pairs with `stats[i]` indexed by
 * that parameter, also one call further down (note_reclaim -> bump).
 *
 * TRUTH: no race: every access to stats[k] holds locks[k] - the crawler
 * through its helpers, the resetter directly.
 */
#include <pthread.h>

#define N 8

static pthread_mutex_t locks[N];
static struct { unsigned long reclaimed, seen; } stats[N];

static void bump(int cls)
{
    stats[cls].seen++;
}

static void note_reclaim(int cls, int n)
{
    stats[cls].reclaimed += n;
    bump(cls);
}

static void *crawler(void *arg)
{
    for (int i = 0; i < N; i++) {
        pthread_mutex_lock(&locks[i]);
        note_reclaim(i, 2);
        pthread_mutex_unlock(&locks[i]);
    }
    return arg;
}

static void *resetter(void *arg)
{
    for (int k = 0; k < N; k++) {
        pthread_mutex_lock(&locks[k]);
        stats[k].reclaimed = 0;
        stats[k].seen = 0;
        pthread_mutex_unlock(&locks[k]);
    }
    return arg;
}

int main(void)
{
    pthread_t c, r;
    for (int i = 0; i < N; i++)
        pthread_mutex_init(&locks[i], NULL);
    pthread_create(&c, NULL, crawler, NULL);
    pthread_create(&r, NULL, resetter, NULL);
    pthread_join(c, NULL);
    pthread_join(r, NULL);
    return 0;
}
