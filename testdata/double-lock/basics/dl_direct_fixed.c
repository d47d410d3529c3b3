// expect-no-findings
/*
 * dl_direct_fixed.c - dl_direct_racy.c fixed: the error path counts under
 * the lock already held. Also quiet: a lock taken again after its unlock,
 * and a read lock taken twice in read mode.
 */
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long counter, errors, config;

static void *worker(void *arg) {
    long n = (long)arg;
    pthread_mutex_lock(&lock);
    counter += n;
    if (n < 0) errors++;
    pthread_mutex_unlock(&lock);
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
    pthread_rwlock_rdlock(&rw);
    pthread_rwlock_rdlock(&rw);
    n += config;
    pthread_rwlock_unlock(&rw);
    pthread_rwlock_unlock(&rw);
    return (void *)n;
}

int main(void) {
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, (void *)(i - 1));
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return (int)(counter + errors);
}
