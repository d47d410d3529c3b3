// expect-no-findings
/*
 * spinlock_fixed.c - producers bump a counter under a pthread spin lock and an
 * auditor reads it under the same spin lock.
 *
 * The spin lock is initialised before any thread exists; every access to
 * `produced` while threads run holds it. No finding.
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
        produced++;
        pthread_spin_unlock(&lock);
    }
    return NULL;
}

static void *auditor(void *arg)
{
    long seen;

    (void)arg;
    pthread_spin_lock(&lock);
    seen = produced;
    pthread_spin_unlock(&lock);
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
