// expect-no-findings
/*
 * lock_ordered_pair_fixed.c - the lock-ordering idiom: a transfer between
 * two accounts takes both accounts' locks in address (or id) order, through
 * two locals that hold the two accounts in the chosen order:
 *
 *     first = a < b ? a : b;  second = a < b ? b : a;
 *     lock(&first->m); lock(&second->m);  a->balance -= n; b->balance += n;
 *
 * {first, second} is {a, b} on every path (the same test of unchanged
 * parameters chooses both), so both accounts' own locks are held at the
 * accesses through a and b. The if/else form chooses both in one branch,
 * whatever it tests (audit compares ids read from the accounts). rebate
 * takes the second lock only `if (first != second)`: on the path without
 * it the two are one account, whose lock first->m is held.
 *
 * TRUTH: no race. Every balance access holds that account's lock; the
 * totals are under stats_lock; main reads the balances after the joins.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#define NACC 4
#define NTHREADS 4

struct account {
    pthread_mutex_t m;
    int id;
    long balance, rebates;
};

static struct account accts[NACC];
static long moves;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static void transfer(struct account *a, struct account *b, long n)
{
    if (a == b)
        return;
    struct account *first = a < b ? a : b;
    struct account *second = a < b ? b : a;
    pthread_mutex_lock(&first->m);
    pthread_mutex_lock(&second->m);
    a->balance -= n;
    b->balance += n;
    pthread_mutex_unlock(&second->m);
    pthread_mutex_unlock(&first->m);
    pthread_mutex_lock(&stats_lock);
    moves++;
    pthread_mutex_unlock(&stats_lock);
}

/* the second lock only when the two differ: where they are one account,
 * its lock is both first->m and second->m */
static void rebate(struct account *a, struct account *b)
{
    struct account *first = a < b ? a : b;
    struct account *second = a < b ? b : a;
    pthread_mutex_lock(&first->m);
    if (first != second)
        pthread_mutex_lock(&second->m);
    a->rebates++;
    b->rebates--;
    if (first != second)
        pthread_mutex_unlock(&second->m);
    pthread_mutex_unlock(&first->m);
}

static long audit(struct account *a, struct account *b)
{
    struct account *lo, *hi;
    if (a == b)
        return 0;
    if (a->id < b->id) {
        lo = a;
        hi = b;
    } else {
        lo = b;
        hi = a;
    }
    pthread_mutex_lock(&lo->m);
    pthread_mutex_lock(&hi->m);
    long sum = a->balance + b->balance;
    a->balance = sum / 2;
    b->balance = sum - sum / 2;
    pthread_mutex_unlock(&hi->m);
    pthread_mutex_unlock(&lo->m);
    return sum;
}

/* the pair chosen by a swap: both first, then exchanged when out of order */
static void restock(struct account *a, struct account *b)
{
    if (a == b)
        return;
    struct account *first = a, *second = b;
    if ((uintptr_t)b < (uintptr_t)a) {
        first = b;
        second = a;
    }
    pthread_mutex_lock(&first->m);
    pthread_mutex_lock(&second->m);
    a->balance--;
    b->balance++;
    pthread_mutex_unlock(&second->m);
    pthread_mutex_unlock(&first->m);
}

static void *teller(void *arg)
{
    long id = (long)(intptr_t)arg;
    for (int k = 0; k < 1000; k++) {
        struct account *x = &accts[(id + k) % NACC], *y = &accts[(id + 2 * k + 1) % NACC];
        if (k % 5 == 0)
            rebate(x, y);
        if (k % 7 == 0)
            restock(x, y);
        if (k % 3)
            transfer(x, y, k);
        else
            audit(x, y);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[NTHREADS];
    for (int i = 0; i < NACC; i++) {
        pthread_mutex_init(&accts[i].m, NULL);
        accts[i].id = i;
        accts[i].balance = 100;
    }
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, teller, (void *)(intptr_t)i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    long total = 0;
    for (int i = 0; i < NACC; i++)
        total += accts[i].balance;
    return total == 100 * NACC && moves > 0 ? 0 : 1;
}
