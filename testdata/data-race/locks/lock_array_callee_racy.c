/*
 * lock_array_callee_racy.c - the helper of lock_array_callee_fixed.c,
 * also called by a maintenance thread that takes no bucket lock.
 *
 * TRUTH: races on heads[] and counts[] (the maintenance thread's unlocked
 * calls against the workers' locked ones).
 */
#include <pthread.h>
#include <stdint.h>

#define NB 8

struct item { int bucket; struct item *next; };

static pthread_mutex_t bucket_locks[NB];
static struct item *heads[NB];
static long counts[NB];
static struct item items[64], spare[4];

static void link_item(struct item *it)
{
    it->next = heads[it->bucket];
    heads[it->bucket] = it; // expect: data-race 'heads[?]'
    counts[it->bucket]++; // expect: data-race 'counts[?]'
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

static void *maintenance(void *arg)
{
    for (int k = 0; k < 4; k++)
        link_item(&spare[k]);
    return arg;
}

int main(void)
{
    pthread_t t[4], m;
    for (int i = 0; i < NB; i++)
        pthread_mutex_init(&bucket_locks[i], NULL);
    for (int i = 0; i < 64; i++)
        items[i].bucket = i % NB;
    for (int i = 0; i < 4; i++)
        spare[i].bucket = i;
    for (intptr_t i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    pthread_create(&m, NULL, maintenance, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    pthread_join(m, NULL);
    return (int)counts[0];
}
