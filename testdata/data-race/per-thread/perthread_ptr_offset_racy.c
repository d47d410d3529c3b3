/*
 * perthread_ptr_offset_racy.c - slots handed as pointer arithmetic that does
 * not single out each worker's own (perthread_ptr_offset_fixed.c hands `res
 * + i`, i the create loop's counter):
 * - `res + half`, half = i / 2: workers 2k and 2k + 1 share a slot;
 * - `&vals[pair]`, pair = i / 2 (a local the loop assigns, but not a
 *   different value each round): the same sharing through a subscript;
 * - `recs + 1`: every worker gets the same record.
 *
 * TRUTH: races on res[], vals[] and recs[].sum.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define N 4

struct rec {
    int id;
    long sum;
};

static void *square(void *p)
{
    int *slot = p;
    *slot = *slot * *slot; // expect: data-race '*slot'
    return NULL;
}

static void *bump(void *p)
{
    long *v = p;
    (*v)++; // expect: data-race '*v'
    return NULL;
}

static void *summer(void *p)
{
    struct rec *r = p;
    for (int k = 0; k <= r->id; k++)
        r->sum += k; // expect: data-race 'r->sum'
    return NULL;
}

int main(void)
{
    int *res = calloc(N, sizeof *res);
    struct rec recs[N] = {{0, 0}};
    pthread_t t[N];
    if (!res)
        return 1;
    for (int i = 0; i < N; i++) {
        int half = i / 2;
        pthread_create(&t[i], NULL, square, res + half);
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    long vals[N / 2] = {0};
    for (int i = 0; i < N; i++) {
        int pair = i / 2;
        pthread_create(&t[i], NULL, bump, &vals[pair]);
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, summer, recs + 1);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%d %ld\n", res[0], recs[1].sum);
    free(res);
    return 0;
}
