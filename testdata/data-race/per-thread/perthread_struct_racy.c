/*
 * perthread_struct_racy.c - as perthread_struct_fixed.c (each worker gets a
 * malloc'd context holding its index and writes totals[ctx->index]), but
 * every worker also adds its sum into rounds[round_no], indexed by a global
 * that main sets once before the threads start.
 *
 * TRUTH: a race on rounds[]: round_no is the same value for every instance,
 * so all of them read and write one element without a lock (primary
 * location: that `+=`). totals[ctx->index] stays private to each instance;
 * round_no is written by main before the first create and only read after.
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
static long rounds[8];
static int round_no;

static void *row_sum(void *arg)
{
    struct wctx *ctx = arg;
    long sum = 0;

    for (int k = 0; k < COLS; k++)
        sum += ctx->row[k];
    totals[ctx->index] = sum;
    rounds[round_no] += sum; // expect: data-race 'rounds'
    free(ctx);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    int i;

    for (i = 0; i < N * COLS; i++)
        matrix[i / COLS][i % COLS] = i % 13;
    round_no = 3;
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
    printf("round %d: %ld\n", round_no, rounds[round_no]);
    return 0;
}
