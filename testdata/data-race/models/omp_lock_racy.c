/*
 * omp_lock_racy.c - OpenMP runtime locks (omp_set_lock/omp_unset_lock) used
 * by POSIX threads (racecheck does not model #pragma omp regions).
 *
 * add() updates `total` under the omp lock; reset() writes it without the
 * lock. The threads run in parallel, so reset's write races with add's
 * accesses; the first write in file order is add's.
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
    total += 5; // expect: data-race 'total'
    omp_unset_lock(&lock);
    return NULL;
}

static void *reset(void *arg)
{
    (void)arg;
    total = 0;
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
