/*
 * dl_array_elem_racy.c - an account of a global array locked again through
 * the same pointer: audit() takes the account's mutex, and transfer()
 * calls it while holding that mutex already.
 *
 * TRUTH: a self-deadlock: audit(first) locks first->m, which transfer()
 * holds (the array's elements being one abstract object does not hide
 * a second lock of one element through one pointer).
 */
#include <pthread.h>

struct acct { pthread_mutex_t m; long bal; };

static struct acct accts[4];

static long audit(struct acct *x)
{
    pthread_mutex_lock(&x->m);
    long b = x->bal;
    pthread_mutex_unlock(&x->m);
    return b;
}

static long transfer(struct acct *first, long v)
{
    pthread_mutex_lock(&first->m);
    first->bal -= v;
    long b = audit(first); // expect: double-lock 'first->m'
    pthread_mutex_unlock(&first->m);
    return b;
}

static void *teller(void *arg)
{
    long k = (long)arg;
    return (void *)transfer(&accts[k % 4], 1);
}

int main(void)
{
    for (int i = 0; i < 4; i++)
        pthread_mutex_init(&accts[i].m, NULL);
    pthread_t t[2];
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, teller, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
