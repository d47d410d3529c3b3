// racecheck-args: -- $(pkg-config --cflags apr-1 apr-util-1)
// expect-no-findings
/*
 * apr_thread_fixed.c - apr_thread_racy.c with both threads holding the
 * account's apr_thread_mutex_t; main reads the balance after joining both.
 */
#include <apr_general.h>
#include <apr_pools.h>
#include <apr_thread_mutex.h>
#include <apr_thread_proc.h>
#include <stdio.h>

struct account {
    apr_thread_mutex_t *lock;
    long balance;
};

static void *APR_THREAD_FUNC deposit(apr_thread_t *thread, void *data)
{
    struct account *acct = data;
    (void)thread;
    apr_thread_mutex_lock(acct->lock);
    acct->balance += 10;
    apr_thread_mutex_unlock(acct->lock);
    return NULL;
}

static void *APR_THREAD_FUNC withdraw(apr_thread_t *thread, void *data)
{
    struct account *acct = data;
    (void)thread;
    apr_thread_mutex_lock(acct->lock);
    acct->balance -= 5;
    apr_thread_mutex_unlock(acct->lock);
    return NULL;
}

int main(void)
{
    apr_pool_t *pool;
    apr_thread_t *a, *b;
    apr_status_t rv;
    struct account acct;
    apr_initialize();
    apr_pool_create(&pool, NULL);
    apr_thread_mutex_create(&acct.lock, APR_THREAD_MUTEX_DEFAULT, pool);
    acct.balance = 0;
    apr_thread_create(&a, NULL, deposit, &acct, pool);
    apr_thread_create(&b, NULL, withdraw, &acct, pool);
    apr_thread_join(&rv, a);
    apr_thread_join(&rv, b);
    printf("%ld\n", acct.balance);
    apr_pool_destroy(pool);
    apr_terminate();
    return 0;
}
