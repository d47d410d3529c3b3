// expect-no-findings
/*
 * claim_perm_fixed.c - workers map their claimed item through a
 * permutation array before indexing: the array is initialised with the
 * identity (`order[i] = i` over every element) and then only read or
 * reordered by qsort/qsort_r, so it holds a permutation of 0..n-1 and
 * order[item] of distinct claims are distinct slots. The array is a heap
 * object reached through the job context (a pool running job(ctx, item)),
 * a global, and a local array of main.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define N 64
#define WORKERS 4

struct job {
    const size_t *order;
    const long *weight;
    long *out;
};

struct pool {
    void (*run)(void *ctx, size_t item);
    void *ctx;
    size_t count;
    atomic_size_t next;
};

static void square(void *ctx, size_t item)
{
    struct job *j = ctx;
    size_t li = j->order[item];
    j->out[li] = j->weight[li] * j->weight[li];
}

static void *pool_worker(void *arg)
{
    struct pool *pl = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&pl->next, 1);
        if (i >= pl->count) break;
        pl->run(pl->ctx, i);
    }
    return NULL;
}

static int by_weight(const void *x, const void *y, void *ctx)
{
    const long *w = ctx;
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return w[a] > w[b] ? -1 : w[a] < w[b];
}

static size_t gorder[N];
static long gout[N];
static atomic_size_t gnext;

static int cmp_desc(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a < b) - (a > b);
}

static void *global_worker(void *arg)
{
    (void)arg;
    size_t i;
    while ((i = atomic_fetch_add(&gnext, 1)) < N) {
        size_t g = gorder[i];
        gout[g] = (long)i;
    }
    return NULL;
}

struct local_job {
    size_t *perm;
    long *dst;
    atomic_size_t next;
};

static void *local_worker(void *arg)
{
    struct local_job *lj = arg;
    for (size_t k; (k = atomic_fetch_add(&lj->next, 1)) < N;) {
        size_t slot = lj->perm[k];
        lj->dst[slot] += 1;
    }
    return NULL;
}

int main(void)
{
    size_t n = N;
    long weight[N], out[N];
    for (size_t i = 0; i < n; i++) weight[i] = (long)((i * 37) % 11);
    size_t *order = malloc(n * sizeof *order);
    if (!order) return 1;
    for (size_t i = 0; i < n; i++) order[i] = i;
    qsort_r(order, n, sizeof *order, by_weight, weight);
    struct job j = {order, weight, out};
    struct pool pl = {square, &j, n, 0};
    pthread_t t[WORKERS];
    for (int w = 0; w < WORKERS; w++) pthread_create(&t[w], NULL, pool_worker, &pl);
    for (int w = 0; w < WORKERS; w++) pthread_join(t[w], NULL);
    free(order);

    for (size_t i = 0; i < N; i++) gorder[i] = i;
    qsort(gorder, N, sizeof gorder[0], cmp_desc);
    for (int w = 0; w < WORKERS; w++) pthread_create(&t[w], NULL, global_worker, NULL);
    for (int w = 0; w < WORKERS; w++) pthread_join(t[w], NULL);

    size_t perm[N];
    long dst[N] = {0};
    for (size_t i = 0; i < N; i++) perm[i] = i;
    qsort(perm, N, sizeof perm[0], cmp_desc);
    struct local_job lj = {perm, dst, 0};
    for (int w = 0; w < WORKERS; w++) pthread_create(&t[w], NULL, local_worker, &lj);
    for (int w = 0; w < WORKERS; w++) pthread_join(t[w], NULL);
    printf("%ld %ld %ld\n", out[0], gout[0], dst[0]);
    return 0;
}
