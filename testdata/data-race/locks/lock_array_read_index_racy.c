/*
 * lock_array_read_index_racy.c - the class locks of
 * lock_array_read_index_fixed.c, but the data is indexed by a read of
 * another location: another field (`it->slot`) or the same field of
 * another item (`other->cls`). Only reads of one location pair.
 *
 * TRUTH: racy: the element updated is not the one whose lock is held.
 */
#include <pthread.h>
#include <stdlib.h>

#define N 8

struct item {
    int cls, slot;
};

static pthread_mutex_t lru_locks[N];
static long moves[N], hits[N];

static void link_warm(struct item *it, struct item *other)
{
    pthread_mutex_lock(&lru_locks[it->cls]);
    moves[it->slot]++; // expect: data-race 'moves[?]'
    hits[other->cls]++; // expect: data-race 'hits[?]'
    pthread_mutex_unlock(&lru_locks[it->cls]);
}

static void *worker(void *arg)
{
    struct item *items = arg;
    for (int k = 0; k < 3; k++)
        link_warm(&items[k], &items[k + 1]);
    return NULL;
}

static void *resetter(void *arg)
{
    for (int i = 0; i < N; i++) {
        pthread_mutex_lock(&lru_locks[i]);
        moves[i] = 0;
        hits[i] = 0;
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
    for (int k = 0; k < 4; k++) {
        items[k].cls = k * 2;
        items[k].slot = k;
    }
    pthread_create(&w, NULL, worker, items);
    pthread_create(&r, NULL, resetter, NULL);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    free(items);
    return 0;
}
