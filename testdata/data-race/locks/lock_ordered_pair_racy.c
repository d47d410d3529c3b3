/*
 * lock_ordered_pair_racy.c - where the lock-ordering idiom does not hold
 * both accounts' locks (lock_ordered_pair_fixed.c is the idiom).
 *
 * - settle chooses `first` by the accounts' addresses and `second` by their
 *   ids: two tests that may disagree, so both locals may name `a` and b's
 *   lock is not held - its `pending` races.
 * - charge holds a's and b's locks through the ordered pair, then touches
 *   a third account c: `fees` races.
 * - refund lets the second lock go before it credits b: `credit` races.
 * - skew moves `second` on (`second++`) after choosing it: the pair no
 *   longer holds {a, b}, and `skewed` races.
 * - restock swaps only `first` when out of order: both may name b, and
 *   `restocked` races.
 *
 * Each finding is reported at the first access of its group (the accounts
 * are one abstract array): the write through a, which races with the
 * unprotected one through b (or c) in another thread.
 */
#include <pthread.h>
#include <stdint.h>

#define NACC 4

struct account {
    pthread_mutex_t m;
    int id;
    long pending, fees, credit, skewed, restocked;
};

static struct account accts[NACC];

static void settle(struct account *a, struct account *b, long n)
{
    struct account *first = a < b ? a : b;
    struct account *second = a->id < b->id ? b : a;
    pthread_mutex_lock(&first->m);
    pthread_mutex_lock(&second->m);
    a->pending -= n; // expect: data-race 'a->pending'
    b->pending += n;
    pthread_mutex_unlock(&second->m);
    pthread_mutex_unlock(&first->m);
}

static void charge(struct account *a, struct account *b, struct account *c)
{
    if (a == b)
        return;
    struct account *first = a < b ? a : b;
    struct account *second = a < b ? b : a;
    pthread_mutex_lock(&first->m);
    pthread_mutex_lock(&second->m);
    a->fees++; // expect: data-race 'a->fees'
    b->fees++;
    c->fees--;
    pthread_mutex_unlock(&second->m);
    pthread_mutex_unlock(&first->m);
}

static void refund(struct account *a, struct account *b, long n)
{
    if (a == b)
        return;
    struct account *first = a < b ? a : b;
    struct account *second = a < b ? b : a;
    pthread_mutex_lock(&first->m);
    pthread_mutex_lock(&second->m);
    a->credit -= n; // expect: data-race 'a->credit'
    pthread_mutex_unlock(&second->m);
    b->credit += n;
    pthread_mutex_unlock(&first->m);
}

static void skew(struct account *a, struct account *b)
{
    if (a == b)
        return;
    struct account *first = a < b ? a : b;
    struct account *second = a < b ? b : a;
    if (second < &accts[NACC - 1])
        second++;
    pthread_mutex_lock(&first->m);
    pthread_mutex_lock(&second->m);
    a->skewed++; // expect: data-race 'a->skewed'
    b->skewed--;
    pthread_mutex_unlock(&second->m);
    pthread_mutex_unlock(&first->m);
}

/* the swap exchanges only `first`: second stays b, so both may be b */
static void restock(struct account *a, struct account *b)
{
    if (a == b)
        return;
    struct account *first = a, *second = b;
    if ((uintptr_t)b < (uintptr_t)a)
        first = b;
    pthread_mutex_lock(&first->m);
    pthread_mutex_lock(&second->m);
    a->restocked++; // expect: data-race 'a->restocked'
    b->restocked--;
    pthread_mutex_unlock(&second->m);
    pthread_mutex_unlock(&first->m);
}

static void *teller(void *arg)
{
    long id = (long)(intptr_t)arg;
    for (int k = 0; k < 100; k++) {
        struct account *x = &accts[(id + k) % NACC], *y = &accts[(id + k + 1) % NACC];
        struct account *z = &accts[(id + k + 2) % NACC];
        settle(x, y, k);
        charge(x, y, z);
        refund(x, y, k);
        skew(x, y);
        restock(x, y);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    for (int i = 0; i < NACC; i++) {
        pthread_mutex_init(&accts[i].m, NULL);
        accts[i].id = NACC - i;
    }
    for (long i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, teller, (void *)(intptr_t)i);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
