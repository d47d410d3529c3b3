/*
 * lo_struct_wrapper_fixed.c - lo_struct_wrapper_racy.c with both threads
 * taking the accounts' mutexes in one order (a.m, then b.m) through the
 * same helpers; the balances are touched holding both.
 *
 * TRUTH: no lock-order cycle, no data race.
 *
 * The helpers are lock and unlock models of their own (wrappers.c: the
 * lock is a field of what the parameter points to), so each call takes its
 * own account's mutex in the caller (`lock_acct(&b)`: b.m). Before, both
 * calls of the helper in one thread made its parameter name both accounts
 * there, and the acquisition inside the helper named no one object.
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
    lock_acct(&b);
    a.balance--;
    b.balance++;
    unlock_acct(&b);
    unlock_acct(&a);
    return arg;
}

static void *t2(void *arg)
{
    lock_acct(&a);
    lock_acct(&b);
    b.balance--;
    a.balance++;
    unlock_acct(&b);
    unlock_acct(&a);
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
// expect-no-findings
