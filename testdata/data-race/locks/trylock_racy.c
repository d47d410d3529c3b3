/*
 * trylock_racy.c - pthread_mutex_trylock in its three usual spellings, each
 * counting the failures on the FAILURE branch, where the lock is not held.
 *
 * The `taken` counter is written only on success branches (lock held): no
 * race. Each missed_* counter is written without the lock by every worker
 * instance, so the instances race with each other; those writes are the only
 * ones involved, hence the primary locations. main reads after the join loop.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 10000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long taken;
static long missed_eq, missed_not, missed_rc;

static void try_eq(void)
{
    if (pthread_mutex_trylock(&lock) == 0) {
        taken++;
        pthread_mutex_unlock(&lock);
    } else {
        missed_eq++; // expect: data-race 'missed_eq'
    }
}

static void try_not(void)
{
    if (!pthread_mutex_trylock(&lock)) {
        taken++;
        pthread_mutex_unlock(&lock);
    } else {
        missed_not++; // expect: data-race 'missed_not'
    }
}

static void try_rc(void)
{
    int rc = pthread_mutex_trylock(&lock);

    if (rc != 0) {
        missed_rc++; // expect: data-race 'missed_rc'
        return;
    }
    taken++;
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
    printf("taken %ld, missed %ld %ld %ld\n", taken, missed_eq, missed_not, missed_rc);
    return 0;
}
