// expect-no-findings
/*
 * claim_index_fixed.c - workers take the next item from an atomic counter
 * and write only that item's slot: `i = atomic_fetch_add(&next, 1)` hands
 * every claim a different value, so out[i] of one worker is never out[i]
 * of another. The same through a job callback that receives the claim as
 * a parameter (a pool running `job(ctx, i)`), and with GCC's
 * __sync_fetch_and_add. main reads the results after the joins.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define N 64
#define WORKERS 4

static atomic_size_t next;
static long in[N], out[N];
static size_t ticket;
static long squares[N], back[N];

struct pool {
    void (*job)(void *ctx, size_t item);
    void *ctx;
    atomic_size_t claim;
};

static void square(void *ctx, size_t item)
{
    long *dst = ctx;
    dst[item] = (long)(item * item);
}

static struct pool pool = {square, squares, 0};

static void *worker(void *arg)
{
    (void)arg;
    size_t i;
    while ((i = atomic_fetch_add(&next, 1)) < N) out[i] = in[i] * 2;
    for (;;) {
        size_t k = atomic_fetch_add(&pool.claim, 1);
        if (k >= N) break;
        pool.job(pool.ctx, k);
    }
    for (;;) {
        size_t t = __sync_fetch_and_add(&ticket, 1);
        if (t >= N) break;
        back[t] = (long)t + 1;
    }
    return NULL;
}

int main(void)
{
    pthread_t t[WORKERS];
    for (int i = 0; i < N; i++) in[i] = i;
    for (int w = 0; w < WORKERS; w++) pthread_create(&t[w], NULL, worker, NULL);
    for (int w = 0; w < WORKERS; w++) pthread_join(t[w], NULL);
    printf("%ld %ld %ld\n", out[N - 1], squares[N - 1], back[0]);
    return 0;
}
