/*
 * spinlock_racy.c - as spinlock_fixed.c, but the auditor reads the counter
 * without taking the spin lock.
 *
 * The producers' writes hold the spin lock and do not race with each other;
 * the auditor's unlocked read races with them. The producers' write is the
 * only write involved, hence the primary location.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4
#define ROUNDS 10000

static pthread_spinlock_t lock;
static long produced;

static void *producer(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++) {
        pthread_spin_lock(&lock);
        produced++; // expect: data-race 'produced'
        pthread_spin_unlock(&lock);
    }
    return NULL;
}

static void *auditor(void *arg)
{
    long seen;

    (void)arg;
    seen = produced; /* BUG: no spin lock */
    return (void *)(intptr_t)seen;
}

int main(void)
{
    pthread_t t[N], a;
    int i;

    pthread_spin_init(&lock, PTHREAD_PROCESS_PRIVATE);
    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, producer, NULL);
    pthread_create(&a, NULL, auditor, NULL);
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    pthread_join(a, NULL);
    printf("produced = %ld\n", produced);
    pthread_spin_destroy(&lock);
    return 0;
}
