// expect-no-findings
/*
 * av_heap_account_fixed.c - av_heap_account_racy.c with the balance
 * updated in one critical section (the audit moved out after it) and the
 * sequence number bumped with one atomic_fetch_add.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct account {
    pthread_mutex_t lock;
    long balance;
    atomic_long seq;
};

struct ctx {
    struct account *acct;
    long amount;
};

static void audit(long v) {
    (void)v;
}

static void bump_seq(struct account *a) {
    atomic_fetch_add(&a->seq, 1);
}

static void (*on_change)(struct account *) = bump_seq;

static void *worker(void *arg) {
    struct ctx *c = arg;
    struct account *a = c->acct;
    pthread_mutex_lock(&a->lock);
    long bal = a->balance;
    struct account *same = c->acct;
    same->balance = bal + c->amount;
    pthread_mutex_unlock(&a->lock);
    audit(bal);
    on_change(same);
    return NULL;
}

int main(void) {
    struct account *acct = calloc(1, sizeof *acct);
    if (!acct) return 1;
    pthread_mutex_init(&acct->lock, NULL);
    struct ctx c[2] = {{acct, 10}, {acct, -5}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, &c[i]);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    free(acct);
    return 0;
}
