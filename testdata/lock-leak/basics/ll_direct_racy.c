/*
 * ll_direct_racy.c - the early return inside a locked region: the error
 * path leaves the account lock held; every later deposit waits forever.
 */
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long balance;

static int withdraw(long amount) {
    pthread_mutex_lock(&lock);
    if (amount > balance)
        return -1; // expect: lock-leak 'lock'
    balance -= amount;
    pthread_mutex_unlock(&lock);
    return 0;
}

static void *client(void *arg) {
    return (void *)(long)withdraw((long)arg);
}

int main(void) {
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, client, (void *)(i + 1));
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
