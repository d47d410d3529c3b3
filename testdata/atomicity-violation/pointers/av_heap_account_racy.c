/*
 * av_heap_account_racy.c - a shared object reached through pointers: each
 * worker gets a context pointing at one heap account; the balance is read
 * through one pointer under the account's lock and written back through
 * another pointer to the same account in a second critical section. A
 * handler called through a function pointer does the same with the
 * account's atomic sequence number.
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
    long s = atomic_load(&a->seq); // expect: atomicity-violation 'a->seq'
    atomic_store(&a->seq, s + 1);
}

static void (*on_change)(struct account *) = bump_seq;

static void *worker(void *arg) {
    struct ctx *c = arg;
    struct account *a = c->acct;
    pthread_mutex_lock(&a->lock);
    long bal = a->balance; // expect: atomicity-violation 'a->balance'
    pthread_mutex_unlock(&a->lock);
    audit(bal);
    struct account *same = c->acct;
    pthread_mutex_lock(&same->lock);
    same->balance = bal + c->amount;
    pthread_mutex_unlock(&same->lock);
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
