/*
 * dl_array_order_fixed.c - two elements of one global array of accounts,
 * each with its own mutex, locked one after the other in address order
 * (the classic transfer): `first->m` then `second->m`, two pointers into
 * the array.
 *
 * TRUTH: no double lock: the two pointers name two different accounts
 * (a transfer from an account to itself is never made), and an array's
 * elements are one abstract object, so naming them through two pointers
 * says nothing about their being the same mutex.
 *
 * The balances are touched holding both locks; first and second hold {a,
 * b} between them whichever way the comparison goes, so a->bal and b->bal
 * are each under their own account's lock (the ordered pair,
 * lock_ordered_pair_fixed.c): no data race either.
 */
// expect-no-findings
#include <pthread.h>

struct acct { pthread_mutex_t m; long bal; };

static struct acct accts[4];

static void transfer(struct acct *a, struct acct *b, long v)
{
    struct acct *first = a < b ? a : b, *second = a < b ? b : a;
    pthread_mutex_lock(&first->m);
    pthread_mutex_lock(&second->m);
    a->bal -= v;
    b->bal += v;
    pthread_mutex_unlock(&second->m);
    pthread_mutex_unlock(&first->m);
}

static void *teller(void *arg)
{
    long k = (long)arg;
    for (int i = 0; i < 100; i++)
        transfer(&accts[(k + i) % 4], &accts[(k + i + 1) % 4], 1);
    return NULL;
}

int main(void)
{
    for (int i = 0; i < 4; i++) {
        pthread_mutex_init(&accts[i].m, NULL);
        accts[i].bal = 100;
    }
    pthread_t t[2];
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, teller, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)accts[0].bal;
}
