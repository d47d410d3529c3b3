// racecheck-args: -- $(pkg-config --cflags apr-1 apr-util-1)
/*
 * apr_threadkey_racy.c - APR thread keys (the value comes first:
 * apr_threadkey_private_set(value, key), apr_threadkey_private_get(&value,
 * key)). Each worker keeps its own counter block under one key and, under
 * a second key, the account block main handed to every worker.
 *
 * The counter blocks are per thread; the account is one object all
 * workers update through the pointer they fetched back from their key.
 *
 * TRUTH: a race on the account's balance only.
 */
#include <apr_general.h>
#include <apr_pools.h>
#include <apr_thread_proc.h>
#include <stdlib.h>

struct counters {
    long ops;
};

struct account {
    long balance;
};

static apr_threadkey_t *counters_key;
static apr_threadkey_t *account_key;

static void operate(void)
{
    void *c, *a;
    apr_threadkey_private_get(&c, counters_key);
    apr_threadkey_private_get(&a, account_key);
    struct counters *mine = c;
    struct account *acct = a;
    mine->ops++;
    acct->balance += 1; // expect: data-race 'balance'
}

static void *APR_THREAD_FUNC worker(apr_thread_t *thread, void *data)
{
    (void)thread;
    struct counters *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    apr_threadkey_private_set(c, counters_key);
    apr_threadkey_private_set(data, account_key);
    for (int i = 0; i < 3; i++)
        operate();
    return NULL;
}

int main(void)
{
    apr_pool_t *pool;
    apr_thread_t *a, *b;
    apr_status_t rv;
    static struct account acct;
    apr_initialize();
    apr_pool_create(&pool, NULL);
    apr_threadkey_private_create(&counters_key, free, pool);
    apr_threadkey_private_create(&account_key, NULL, pool);
    apr_thread_create(&a, NULL, worker, &acct, pool);
    apr_thread_create(&b, NULL, worker, &acct, pool);
    apr_thread_join(&rv, a);
    apr_thread_join(&rv, b);
    apr_pool_destroy(pool);
    apr_terminate();
    return 0;
}
