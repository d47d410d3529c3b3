/*
 * join_helper_count_racy.c - a batch runner whose start and join loops
 * live in helpers taking the count: main starts NW workers through
 * start_all(NW) and joins them through join_all(NW - 1) - one short - and
 * then sums their results.
 *
 * TRUTH: a race on results[id]: the last worker is never joined, so its
 * write may run while main reads the array. The join loop's bound is the
 * helper's parameter, which every call passes one value in.
 */
#include <pthread.h>
#include <stdio.h>

#define NW 4

static pthread_t workers[NW];
static long results[NW];

static void *work(void *arg)
{
    long id = (long)arg;
    results[id] = id * id; // expect: data-race 'results[id]'
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
    join_all(NW - 1);
    for (int i = 0; i < NW; i++)
        sum += results[i];
    printf("%ld\n", sum);
    return 0;
}
