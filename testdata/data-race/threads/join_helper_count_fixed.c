// expect-no-findings
/*
 * join_helper_count_fixed.c - join_helper_count_racy.c with the join
 * helper given the same count as the start helper: every worker is joined
 * before main reads the results.
 *
 * TRUTH: no race: the join loop covers the start loop's whole range (both
 * bounds are the helpers' parameters, every call passing NW).
 */
#include <pthread.h>
#include <stdio.h>

#define NW 4

static pthread_t workers[NW];
static long results[NW];

static void *work(void *arg)
{
    long id = (long)arg;
    results[id] = id * id;
    return NULL;
}

static void start_all(int n)
{
    for (long i = 0; i < n; i++)
        pthread_create(&workers[i], NULL, work, (void *)i);
}

static void join_all(int n)
{
    for (int i = 0; i < n; i++)
        pthread_join(workers[i], NULL);
}

int main(void)
{
    long sum = 0;
    start_all(NW);
    join_all(NW);
    for (int i = 0; i < NW; i++)
        sum += results[i];
    printf("%ld\n", sum);
    return 0;
}
