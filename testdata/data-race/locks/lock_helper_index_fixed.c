// expect-no-findings
/*
 * lock_helper_index_fixed.c - striped locks taken and released by helpers
 * that receive the stripe: lock_bucket(h) locks `locks[h]`, and
 * lock_in(t, h) locks `t->locks[h]` of a table. Back in the caller, the
 * helper's lock is the element the caller's argument chooses (`locks[h]`
 * with the caller's h), which pairs with the caller's `data[h]`; a constant
 * argument names that element (`lock_bucket(0)` over `data[0]`), which is
 * the element `locks[h]` names over `data[h]` when they meet (h is 0).
 *
 * TRUTH: no race: every update of data[k] and tab.count[k] holds the
 * stripe's lock k.
 */
#include <pthread.h>

#define N 8

struct table {
    pthread_mutex_t locks[N];
    long count[N];
};

static pthread_mutex_t locks[N];
static long data[N];
static struct table tab;

static void lock_bucket(int h)
{
    pthread_mutex_lock(&locks[h]);
}

static void unlock_bucket(int h)
{
    pthread_mutex_unlock(&locks[h]);
}

static void lock_in(struct table *t, int h)
{
    pthread_mutex_lock(&t->locks[h]);
}

static void unlock_in(struct table *t, int h)
{
    pthread_mutex_unlock(&t->locks[h]);
}

static void *worker(void *arg)
{
    long id = (long)arg;
    for (int k = 0; k < 10; k++) {
        int h = (int)((id + k) % N);
        lock_bucket(h);
        data[h]++;
        unlock_bucket(h);
        lock_in(&tab, h);
        tab.count[h]++;
        unlock_in(&tab, h);
    }
    lock_bucket(0);
    data[0] += 2;
    unlock_bucket(0);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < N; i++) {
        pthread_mutex_init(&locks[i], NULL);
        pthread_mutex_init(&tab.locks[i], NULL);
    }
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)(data[0] + tab.count[0]);
}
