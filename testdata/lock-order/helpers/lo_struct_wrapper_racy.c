/*
 * lo_struct_wrapper_racy.c - two threads take two accounts' mutexes in
 * opposite orders, each through a one-line helper `lock_acct(&x)` that
 * locks `&x->m`.
 *
 * TRUTH: a lock-order cycle (a.m then b.m, b.m then a.m): a deadlock.
 *
 * Known miss: both calls of the helper in one thread make its parameter
 * name both accounts there, so the acquisition inside the helper names no
 * one object; calling pthread_mutex_lock directly, or a helper taking the
 * pthread_mutex_t *, is reported.
 */
#include <pthread.h>

struct account { pthread_mutex_t m; long balance; };

static struct account a = { PTHREAD_MUTEX_INITIALIZER, 0 };
static struct account b = { PTHREAD_MUTEX_INITIALIZER, 0 };

static void lock_acct(struct account *x) { pthread_mutex_lock(&x->m); }
static void unlock_acct(struct account *x) { pthread_mutex_unlock(&x->m); }

static void *t1(void *arg)
{
    lock_acct(&a);
    lock_acct(&b); // known-miss: lock-order 'x->m'
    a.balance--;
    b.balance++;
    unlock_acct(&b);
    unlock_acct(&a);
    return arg;
}

static void *t2(void *arg)
{
    lock_acct(&b);
    lock_acct(&a); // known-miss: lock-order 'x->m'
    b.balance--;
    a.balance++;
    unlock_acct(&a);
    unlock_acct(&b);
    return arg;
}

int main(void)
{
    pthread_t x, y;
    pthread_create(&x, NULL, t1, NULL);
    pthread_create(&y, NULL, t2, NULL);
    pthread_join(x, NULL);
    pthread_join(y, NULL);
    return 0;
}
