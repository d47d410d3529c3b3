// expect-no-findings
/*
 * lock_array_callee_fixed.c - an element of a global lock array, chosen
 * by a local of the caller, held across calls of helpers that cannot name
 * it: each worker locks `bucket_locks[b]` (b its bucket) and calls
 * link_item(), which updates the bucket's list and its count through the
 * item. In the helper the lock is an element chosen by an expression it
 * cannot see, which counts for the whole array (as `bucket_locks[hash(k)]`
 * does): the helper's accesses are protected by it.
 *
 * TRUTH: no race: every update of a bucket holds that bucket's lock.
 */
#include <pthread.h>
#include <stdint.h>

#define NB 8

struct item { int bucket; struct item *next; };

static pthread_mutex_t bucket_locks[NB];
static struct item *heads[NB];
static long counts[NB];
static struct item items[64];

static void link_item(struct item *it)
{
    it->next = heads[it->bucket];
    heads[it->bucket] = it;
    counts[it->bucket]++;
}

static void *worker(void *arg)
{
    intptr_t id = (intptr_t)arg;
    for (int k = 0; k < 16; k++) {
        struct item *it = &items[id * 16 + k];
        int b = it->bucket;
        pthread_mutex_lock(&bucket_locks[b]);
        link_item(it);
        pthread_mutex_unlock(&bucket_locks[b]);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    for (int i = 0; i < NB; i++)
        pthread_mutex_init(&bucket_locks[i], NULL);
    for (int i = 0; i < 64; i++)
        items[i].bucket = i % NB;
    for (intptr_t i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return (int)counts[0];
}
