// expect-no-findings
/*
 * thread_local_gnu_fixed.c - as thread_local_fixed.c, with the GNU __thread
 * storage class instead of C11 _Thread_local.
 *
 * __thread objects are per thread too: the unlocked increments never share
 * memory. total is only written under total_lock. No finding.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 10000

static __thread long local_count;
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
