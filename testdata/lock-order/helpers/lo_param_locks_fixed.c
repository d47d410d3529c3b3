// expect-no-findings
/*
 * lo_param_locks_fixed.c - lo_param_locks_racy.c's transfers made safe
 * four ways: the helper compares the accounts' addresses and locks the
 * lower first (an if/else, and through locals chosen by the comparison);
 * every caller passes the accounts in one order; a gate lock held around
 * both calls; and a trylock on the inner account that backs off.
 */
#include <pthread.h>
#include <stdint.h>

struct account {
    pthread_mutex_t m;
    long balance;
};

static struct account A = {PTHREAD_MUTEX_INITIALIZER, 100}, B = {PTHREAD_MUTEX_INITIALIZER, 100};
static struct account C = {PTHREAD_MUTEX_INITIALIZER, 100}, D = {PTHREAD_MUTEX_INITIALIZER, 100};
static struct account E = {PTHREAD_MUTEX_INITIALIZER, 100}, F = {PTHREAD_MUTEX_INITIALIZER, 100};
static struct account G = {PTHREAD_MUTEX_INITIALIZER, 100}, H = {PTHREAD_MUTEX_INITIALIZER, 100};
static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;

static void transfer_ordered(struct account *from, struct account *to, long n) {
    if ((uintptr_t)from < (uintptr_t)to) {
        pthread_mutex_lock(&from->m);
        pthread_mutex_lock(&to->m);
    } else {
        pthread_mutex_lock(&to->m);
        pthread_mutex_lock(&from->m);
    }
    from->balance -= n;
    to->balance += n;
    pthread_mutex_unlock(&to->m);
    pthread_mutex_unlock(&from->m);
}

static void transfer_first(struct account *from, struct account *to, long n) {
    struct account *lo = from < to ? from : to, *hi = from < to ? to : from;
    pthread_mutex_lock(&lo->m);
    pthread_mutex_lock(&hi->m);
    from->balance -= n;
    to->balance += n;
    pthread_mutex_unlock(&hi->m);
    pthread_mutex_unlock(&lo->m);
}

static void transfer(struct account *from, struct account *to, long n) {
    pthread_mutex_lock(&from->m);
    pthread_mutex_lock(&to->m);
    from->balance -= n;
    to->balance += n;
    pthread_mutex_unlock(&to->m);
    pthread_mutex_unlock(&from->m);
}

static int try_transfer(struct account *from, struct account *to, long n) {
    pthread_mutex_lock(&from->m);
    if (pthread_mutex_trylock(&to->m) != 0) {
        pthread_mutex_unlock(&from->m);
        return -1;
    }
    from->balance -= n;
    to->balance += n;
    pthread_mutex_unlock(&to->m);
    pthread_mutex_unlock(&from->m);
    return 0;
}

static void *one(void *arg) {
    transfer_ordered(&A, &B, 1);
    transfer_first(&A, &B, 1);
    transfer(&C, &D, 1);
    pthread_mutex_lock(&gate);
    transfer(&E, &F, 1);
    pthread_mutex_unlock(&gate);
    while (try_transfer(&G, &H, 1) != 0)
        ;
    return arg;
}

static void *other(void *arg) {
    transfer_ordered(&B, &A, 1);
    transfer_first(&B, &A, 1);
    transfer(&C, &D, 2);
    pthread_mutex_lock(&gate);
    transfer(&F, &E, 1);
    pthread_mutex_unlock(&gate);
    while (try_transfer(&H, &G, 1) != 0)
        ;
    return arg;
}

int main(void) {
    pthread_t x, y;
    pthread_create(&x, NULL, one, NULL);
    pthread_create(&y, NULL, other, NULL);
    pthread_join(x, NULL);
    pthread_join(y, NULL);
    return 0;
}
