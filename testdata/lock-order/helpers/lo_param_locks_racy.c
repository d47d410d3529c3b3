/*
 * lo_param_locks_racy.c - the bank transfer: a helper locks the accounts
 * its callers pass, `from` first, and two threads pass the same two
 * accounts in opposite orders. Each thread names one object through each
 * parameter, so the helper's one acquisition site is two edges, A -> B in
 * one thread and B -> A in the other: a deadlock when both hold their
 * first account. Also through a second helper that forwards its
 * parameters, and with main as one side (main runs the transfer while the
 * thread it started runs the other).
 *
 * TRUTH: possible deadlocks at transfer's and at send's inner lock.
 */
#include <pthread.h>

struct account {
    pthread_mutex_t m;
    long balance;
};

static struct account A = {PTHREAD_MUTEX_INITIALIZER, 100}, B = {PTHREAD_MUTEX_INITIALIZER, 100};
static struct account C = {PTHREAD_MUTEX_INITIALIZER, 100}, D = {PTHREAD_MUTEX_INITIALIZER, 100};

static void transfer(struct account *from, struct account *to, long n) {
    pthread_mutex_lock(&from->m);
    pthread_mutex_lock(&to->m); // expect: lock-order 'to->m'
    from->balance -= n;
    to->balance += n;
    pthread_mutex_unlock(&to->m);
    pthread_mutex_unlock(&from->m);
}

static void move(struct account *src, struct account *dst) {
    transfer(src, dst, 10);
}

static void *teller_a(void *arg) {
    move(&A, &B);
    return arg;
}

static void *teller_b(void *arg) {
    transfer(&B, &A, 5);
    return arg;
}

static void send(struct account *from, struct account *to) {
    pthread_mutex_lock(&from->m);
    pthread_mutex_lock(&to->m); // expect: lock-order 'to->m'
    to->balance += from->balance;
    from->balance = 0;
    pthread_mutex_unlock(&to->m);
    pthread_mutex_unlock(&from->m);
}

static void *sender(void *arg) {
    send(&C, &D);
    return arg;
}

int main(void) {
    pthread_t a, b, s;
    pthread_create(&a, NULL, teller_a, NULL);
    pthread_create(&b, NULL, teller_b, NULL);
    pthread_create(&s, NULL, sender, NULL);
    send(&D, &C);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(s, NULL);
    return 0;
}
