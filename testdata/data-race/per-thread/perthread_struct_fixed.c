// expect-no-findings
/*
 * perthread_struct_fixed.c - each worker gets a context struct of its own
 * (malloc'd in the create loop) holding its index and its input; the worker
 * sums its row of a matrix into totals[ctx->index] and frees the context.
 *
 * TRUTH: no race. Every context is written by main before its create and
 * then used by one thread only; ctx->index is distinct per instance, so each
 * instance writes its own element of totals[]. The matrix is written before
 * the first create; main reads totals[] after the join loop.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define N 4
#define COLS 512

struct wctx {
    int index;
    const int *row;
};

static int matrix[N][COLS];
static long totals[N];

static void *row_sum(void *arg)
{
    struct wctx *ctx = arg;
    long sum = 0;

    for (int k = 0; k < COLS; k++)
        sum += ctx->row[k];
    totals[ctx->index] = sum;
    free(ctx);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    int i;

    for (i = 0; i < N * COLS; i++)
        matrix[i / COLS][i % COLS] = i % 13;
    for (i = 0; i < N; i++) {
        struct wctx *ctx = malloc(sizeof *ctx);
        if (!ctx)
            return 1;
        ctx->index = i;
        ctx->row = matrix[i];
        pthread_create(&t[i], NULL, row_sum, ctx);
    }
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (i = 0; i < N; i++)
        printf("row %d: %ld\n", i, totals[i]);
    return 0;
}
