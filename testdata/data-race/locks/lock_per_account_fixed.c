// expect-no-findings
/*
 * lock_per_account_fixed.c - bank accounts allocated at one site, each with
 * its own mutex protecting its own balance. Tellers deposit into one account
 * holding that account's lock, and transfer between neighbours holding both
 * accounts' locks (always the lower index first).
 *
 * TRUTH: no race. Every access of a->balance holds a->lock of the same
 * account: deposit through `a`, transfer through `from` and `to` with both
 * locks held. main initialises the accounts before the first create and
 * reads the balances after the joins.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NACC 6
#define N 3

struct account {
    pthread_mutex_t lock;
    long balance;
};

static struct account *accounts[NACC];

static void deposit(struct account *a, long amount)
{
    pthread_mutex_lock(&a->lock);
    a->balance += amount;
    pthread_mutex_unlock(&a->lock);
}

static void transfer(struct account *from, struct account *to, long amount)
{
    pthread_mutex_lock(&from->lock);
    pthread_mutex_lock(&to->lock);
    from->balance -= amount;
    to->balance += amount;
    pthread_mutex_unlock(&to->lock);
    pthread_mutex_unlock(&from->lock);
}

static void *teller(void *arg)
{
    long id = (long)(intptr_t)arg;

    for (int k = 0; k < 1000; k++) {
        int i = (int)((id + k) % (NACC - 1));
        deposit(accounts[i], 2);
        transfer(accounts[i], accounts[i + 1], 1);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[N];

    for (int i = 0; i < NACC; i++) {
        accounts[i] = calloc(1, sizeof *accounts[i]);
        if (!accounts[i])
            return 1;
        pthread_mutex_init(&accounts[i]->lock, NULL);
    }
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, teller, (void *)(intptr_t)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < NACC; i++)
        printf("account %d: %ld\n", i, accounts[i]->balance);
    return 0;
}
