// expect-no-findings
/*
 * perthread_ptr_offset_fixed.c - each worker gets its own slot of a heap
 * array as `res + i` (pointer arithmetic, i the create loop's counter) - the
 * same element as `&res[i]` - and writes it; main reads the slots after the
 * joins. Records handed as `recs + i` likewise.
 *
 * TRUTH: no race.
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
    *slot = *slot * *slot;
    return NULL;
}

static void *summer(void *p)
{
    struct rec *r = p;
    long s = 0;
    for (int k = 0; k <= r->id; k++)
        s += k;
    r->sum = s;
    return NULL;
}

int main(void)
{
    int *res = malloc(N * sizeof *res);
    struct rec recs[N];
    pthread_t t[N];
    if (!res)
        return 1;
    for (int i = 0; i < N; i++) {
        res[i] = i;
        pthread_create(&t[i], NULL, square, res + i);
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++) {
        recs[i].id = i;
        recs[i].sum = 0;
        pthread_create(&t[i], NULL, summer, recs + i);
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%d %ld\n", res[N - 1], recs[N - 1].sum);
    free(res);
    return 0;
}
