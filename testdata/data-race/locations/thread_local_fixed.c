// expect-no-findings
/*
 * thread_local_fixed.c - each worker counts in a C11 _Thread_local variable
 * and publishes its count into a shared total under a mutex at the end.
 *
 * A _Thread_local object is a distinct object in every thread, so the
 * workers' unlocked increments of local_count never touch the same memory.
 * total is only written under total_lock. No finding.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 10000

static _Thread_local long local_count;
static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++)
        local_count++;
    pthread_mutex_lock(&total_lock);
    total += local_count;
    pthread_mutex_unlock(&total_lock);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    int i;

    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    local_count = -1; /* main's own copy */
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("total = %ld\n", total);
    return 0;
}
