// expect-no-findings
/*
 * lock_array_read_index_fixed.c - a lock array indexed by a field of the
 * item being handled (memcached's `lru_locks[it->slabs_clsid]` over
 * `itemstats[it->slabs_clsid]`), against a thread that walks the classes
 * with a counter (`lru_locks[i]` over `itemstats[i]`). The lock and the
 * data are indexed by reads of one location, `it->cls`, through a
 * parameter the function never changes: the same element.
 *
 * TRUTH: no race: itemstats[k] is touched only holding lru_locks[k].
 */
#include <pthread.h>
#include <stdlib.h>

#define N 8

struct item {
    int cls;
};

static pthread_mutex_t lru_locks[N];
static struct {
    long moves;
} itemstats[N];

static void link_warm(struct item *it)
{
    pthread_mutex_lock(&lru_locks[it->cls]);
    itemstats[it->cls].moves++;
    pthread_mutex_unlock(&lru_locks[it->cls]);
}

static void *worker(void *arg)
{
    struct item *items = arg;
    for (int k = 0; k < 4; k++)
        link_warm(&items[k]);
    return NULL;
}

static void *resetter(void *arg)
{
    for (int i = 0; i < N; i++) {
        pthread_mutex_lock(&lru_locks[i]);
        itemstats[i].moves = 0;
        pthread_mutex_unlock(&lru_locks[i]);
    }
    return arg;
}

int main(void)
{
    pthread_t w, r;
    struct item *items = calloc(4, sizeof *items);
    if (!items)
        return 1;
    for (int i = 0; i < N; i++)
        pthread_mutex_init(&lru_locks[i], NULL);
    for (int k = 0; k < 4; k++)
        items[k].cls = k * 2;
    pthread_create(&w, NULL, worker, items);
    pthread_create(&r, NULL, resetter, NULL);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    free(items);
    return 0;
}
