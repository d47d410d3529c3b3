/*
 * av_mutex_split_racy.c - every access holds the mutex, yet the update is
 * not atomic: the balance is read in one critical section and written back
 * in another, and a deposit made in between is overwritten. The same with
 * a condition wait between the read and the write (the wait releases the
 * mutex) and with a read-write lock.
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
    long b = balance; // expect: atomicity-violation 'balance'
    pthread_mutex_unlock(&m);
    long next = b + amount - fee(amount);
    pthread_mutex_lock(&m);
    balance = next;
    pthread_mutex_unlock(&m);

    pthread_mutex_lock(&m);
    int q = queued; // expect: atomicity-violation 'queued'
    while (balance < 0) pthread_cond_wait(&more, &m);
    queued = q + 1;
    pthread_cond_broadcast(&more);
    pthread_mutex_unlock(&m);

    pthread_rwlock_rdlock(&rw);
    long v = version; // expect: atomicity-violation 'version'
    pthread_rwlock_unlock(&rw);
    pthread_rwlock_wrlock(&rw);
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
