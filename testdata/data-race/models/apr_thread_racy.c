// racecheck-args: -- $(pkg-config --cflags apr-1 apr-util-1)
/*
 * apr_thread_racy.c - APR threads (the routine receives its data in the
 * second parameter: func(apr_thread_t *thread, void *data)) updating an
 * account, one of them without the apr_thread_mutex_t.
 *
 * deposit() holds acct->lock, withdraw() does not: withdraw's write of
 * acct->balance races with deposit's. Both threads run in parallel until
 * main joins them with apr_thread_join; main's read comes after. The first
 * involved write in file order is deposit's.
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
    acct->balance += 10; // expect: data-race 'balance'
    apr_thread_mutex_unlock(acct->lock);
    return NULL;
}

static void *APR_THREAD_FUNC withdraw(apr_thread_t *thread, void *data)
{
    struct account *acct = data;
    (void)thread;
    acct->balance -= 5;
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
