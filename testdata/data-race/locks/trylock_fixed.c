// expect-no-findings
/*
 * trylock_fixed.c - pthread_mutex_trylock in its three usual spellings, each
 * touching its counter only on the success branch.
 *
 *   if (pthread_mutex_trylock(&m) == 0) { ... }
 *   if (!pthread_mutex_trylock(&m)) { ... }
 *   int rc = pthread_mutex_trylock(&m); if (rc != 0) return; ...
 *
 * trylock returns 0 exactly when it acquired the lock, so on each success
 * branch `lock` is held, and every write of the counters by every worker
 * instance holds it. main reads them after the join loop. No finding.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 10000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long taken_eq, taken_not, taken_rc;

static void try_eq(void)
{
    if (pthread_mutex_trylock(&lock) == 0) {
        taken_eq++;
        pthread_mutex_unlock(&lock);
    }
}

static void try_not(void)
{
    if (!pthread_mutex_trylock(&lock)) {
        taken_not++;
        pthread_mutex_unlock(&lock);
    }
}

static void try_rc(void)
{
    int rc = pthread_mutex_trylock(&lock);

    if (rc != 0)
        return;
    taken_rc++;
    pthread_mutex_unlock(&lock);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++) {
        try_eq();
        try_not();
        try_rc();
    }
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    int i;

    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("taken: %ld %ld %ld\n", taken_eq, taken_not, taken_rc);
    return 0;
}
