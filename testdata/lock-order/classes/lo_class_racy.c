/*
 * lo_class_racy.c - two locks of one lock array taken one inside the
 * other, in an order nothing fixes:
 * - the dining philosophers: philosopher i takes fork[i], then
 *   fork[(i + 1) % N]; the last one's right fork is the first one's left;
 * - the same through a helper the philosophers call with their seat;
 * - two threads taking constant elements in opposite orders (m[0] then
 *   m[1], and m[1] then m[0]).
 * Ledger: a transfer helper locking `from->m` then `to->m`, called with
 * neighbours of one heap array that wrap around: the elements are one
 * abstract object (one allocation site), so the two locks are one object
 * and their order is the callers': a known miss.
 *
 * TRUTH: possible deadlocks on fork[], seat[], m[] and the accounts.
 */
#include <pthread.h>
#include <stdlib.h>

#define N 5

static pthread_mutex_t fork_[N], seat[N], m[2];
static int eaten[N], served[N], shared;

static void *philosopher(void *arg)
{
    long i = (long)arg;
    int left = i, right = (i + 1) % N;
    pthread_mutex_lock(&fork_[left]);
    pthread_mutex_lock(&fork_[right]); // expect: lock-order 'fork_[right]'
    eaten[i]++;
    pthread_mutex_unlock(&fork_[right]);
    pthread_mutex_unlock(&fork_[left]);
    return NULL;
}

static void take(long s)
{
    pthread_mutex_lock(&seat[s]);
    pthread_mutex_lock(&seat[(s + 1) % N]); // expect: lock-order 'seat'
}

static void give(long s)
{
    pthread_mutex_unlock(&seat[(s + 1) % N]);
    pthread_mutex_unlock(&seat[s]);
}

static void *guest(void *arg)
{
    long s = (long)arg;
    take(s);
    served[s]++;
    give(s);
    return NULL;
}

static void *one_way(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&m[0]);
    pthread_mutex_lock(&m[1]); // expect: lock-order 'm[1]'
    shared++;
    pthread_mutex_unlock(&m[1]);
    pthread_mutex_unlock(&m[0]);
    return NULL;
}

static void *other_way(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&m[1]);
    pthread_mutex_lock(&m[0]); // expect: lock-order 'm[0]'
    shared++;
    pthread_mutex_unlock(&m[0]);
    pthread_mutex_unlock(&m[1]);
    return NULL;
}

struct acct {
    pthread_mutex_t m;
    long bal;
};

static struct acct *accts[N];

static void transfer(struct acct *from, struct acct *to)
{
    pthread_mutex_lock(&from->m);
    pthread_mutex_lock(&to->m); // known-miss: lock-order 'to->m'
    from->bal--;
    to->bal++;
    pthread_mutex_unlock(&to->m);
    pthread_mutex_unlock(&from->m);
}

static void *teller(void *arg)
{
    long i = (long)arg;
    transfer(accts[i], accts[(i + 1) % N]);
    return NULL;
}

int main(void)
{
    pthread_t p[N], g[N], a, b, t[N];
    for (int i = 0; i < N; i++) {
        pthread_mutex_init(&fork_[i], NULL);
        pthread_mutex_init(&seat[i], NULL);
        accts[i] = calloc(1, sizeof *accts[i]);
        pthread_mutex_init(&accts[i]->m, NULL);
    }
    pthread_mutex_init(&m[0], NULL);
    pthread_mutex_init(&m[1], NULL);
    for (long i = 0; i < N; i++) {
        pthread_create(&p[i], NULL, philosopher, (void *)i);
        pthread_create(&g[i], NULL, guest, (void *)i);
        pthread_create(&t[i], NULL, teller, (void *)i);
    }
    pthread_create(&a, NULL, one_way, NULL);
    pthread_create(&b, NULL, other_way, NULL);
    for (int i = 0; i < N; i++) {
        pthread_join(p[i], NULL);
        pthread_join(g[i], NULL);
        pthread_join(t[i], NULL);
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return eaten[0] + served[0] + shared;
}
