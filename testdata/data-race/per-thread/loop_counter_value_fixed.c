// expect-no-findings
/*
 * loop_counter_value_fixed.c - the fix for loop_counter_addr_racy.c: the loop
 * counter is passed by value, cast to void *.
 *
 * No address of i escapes, so each thread gets its own copy of the id and
 * main's later writes to i touch memory no thread can see. id_sum is only
 * written under sum_lock and read after the join loop. No finding.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4

static pthread_mutex_t sum_lock = PTHREAD_MUTEX_INITIALIZER;
static long id_sum;

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;

    pthread_mutex_lock(&sum_lock);
    id_sum += id;
    pthread_mutex_unlock(&sum_lock);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    int i;

    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("sum of ids = %ld (expected %d)\n", id_sum, N * (N - 1) / 2);
    return 0;
}
