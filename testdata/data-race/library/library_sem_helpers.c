// racecheck-args: --library
// expect-no-findings
/*
 * library_sem_helpers.c - an account library guarding its balance with a
 * semaphore initialised to 1, analysed with `--verify --library`. Besides
 * the functions that wait and post around each access, it exports
 * acct_lock/acct_unlock for callers that group several operations: the
 * library's user pairs them (racecheck cannot see that code).
 *
 * TRUTH: no race. acct_unlock posts without a wait of its own, but its
 * caller, outside the library, waited through acct_lock: an exported
 * function's post is not taken for a post without a wait (the count stays
 * at most 1 when the library is used as documented).
 */
#include <semaphore.h>

static sem_t guard;
static long balance;

void acct_init(void)
{
    sem_init(&guard, 0, 1);
}

void acct_lock(void)
{
    sem_wait(&guard);
}

void acct_unlock(void)
{
    sem_post(&guard);
}

void acct_deposit(long v)
{
    sem_wait(&guard);
    balance += v;
    sem_post(&guard);
}

long acct_balance(void)
{
    long b;
    sem_wait(&guard);
    b = balance;
    sem_post(&guard);
    return b;
}
