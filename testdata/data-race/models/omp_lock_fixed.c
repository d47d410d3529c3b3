// expect-no-findings
/*
 * omp_lock_fixed.c - omp_lock_racy.c with reset() taking the lock through
 * omp_test_lock (held only on its success branch, where it returns
 * non-zero) and add() through omp_set_lock.
 */
#include <omp.h>
#include <pthread.h>
#include <stdio.h>

static omp_lock_t lock;
static long total;

static void *add(void *arg)
{
    (void)arg;
    omp_set_lock(&lock);
    total += 5;
    omp_unset_lock(&lock);
    return NULL;
}

static void *reset(void *arg)
{
    (void)arg;
    if (omp_test_lock(&lock)) {
        total = 0;
        omp_unset_lock(&lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    omp_init_lock(&lock);
    pthread_create(&a, NULL, add, NULL);
    pthread_create(&b, NULL, reset, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("%ld\n", total);
    omp_destroy_lock(&lock);
    return 0;
}
