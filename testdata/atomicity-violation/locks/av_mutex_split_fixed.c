// expect-no-findings
/*
 * av_mutex_split_fixed.c - av_mutex_split_racy.c with each update in one
 * critical section: the mutex held from the read to the write (the fee
 * computed inside), the count read after the wait, the version updated
 * under the write lock.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t more = PTHREAD_COND_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long balance = 100;
static int queued;
static long version;

static long fee(long amount) {
    return amount / 100;
}

static void *teller(void *arg) {
    long amount = (long)arg;
    pthread_mutex_lock(&m);
    long b = balance;
    balance = b + amount - fee(amount);
    pthread_mutex_unlock(&m);

    pthread_mutex_lock(&m);
    while (balance < 0) pthread_cond_wait(&more, &m);
    int q = queued;
    queued = q + 1;
    pthread_cond_broadcast(&more);
    pthread_mutex_unlock(&m);

    pthread_rwlock_wrlock(&rw);
    long v = version;
    version = v + 1;
    pthread_rwlock_unlock(&rw);
    return NULL;
}

int main(void) {
    pthread_t t[2];
    pthread_create(&t[0], NULL, teller, (void *)50L);
    pthread_create(&t[1], NULL, teller, (void *)-20L);
    pthread_join(t[0], NULL);
    pthread_join(t[1], NULL);
    printf("%ld %d %ld\n", balance, queued, version);
    return 0;
}
