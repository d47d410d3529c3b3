// expect-no-findings
/*
 * ll_direct_fixed.c - ll_direct_racy.c fixed: every return unlocks, one of
 * them through a single exit (`goto out`). A return on the failure of the
 * lock call itself (`if (pthread_mutex_lock(..) != 0) return -1;`) holds
 * nothing.
 */
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long balance;

static int withdraw(long amount) {
    int rc = 0;
    pthread_mutex_lock(&lock);
    if (amount > balance) {
        rc = -1;
        goto out;
    }
    balance -= amount;
out:
    pthread_mutex_unlock(&lock);
    return rc;
}

static int deposit(long amount) {
    pthread_mutex_lock(&lock);
    if (amount <= 0) {
        pthread_mutex_unlock(&lock);
        return -1;
    }
    balance += amount;
    pthread_mutex_unlock(&lock);
    return 0;
}

/* the lock call's result checked: the early return is its failure */
static int audit(void) {
    if (pthread_mutex_lock(&lock) != 0)
        return -1;
    long b = balance;
    pthread_mutex_unlock(&lock);
    return b < 0;
}

static void *client(void *arg) {
    withdraw((long)arg);
    audit();
    return (void *)(long)deposit((long)arg);
}

int main(void) {
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, client, (void *)(i + 1));
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
