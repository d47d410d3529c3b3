// expect-no-findings
/*
 * index_offset_fixed.c - workers writing their own slices of shared arrays,
 * the index an offset from the slice's start rather than a counter running
 * over the slice's bounds (index_slices_fixed.c):
 * - fill: `slots[id * PER + k]`, k from 0 to PER - 1: [PER * id, PER * id +
 *   PER);
 * - mul: a matrix product by row blocks, `C[i * N + j]` with i over the
 *   worker's rows [id * ROWS, (id + 1) * ROWS) and j over [0, N): the
 *   worker's rows of C, [N * ROWS * id, N * ROWS * (id + 1)).
 * The range of the index arithmetic is worked out from the ranges of the
 * loop counters in it (instances.c arith_range).
 *
 * TRUTH: no race: the slices are disjoint; A and B are only read by the
 * workers; main reads the results after the joins.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define T 4
#define PER 8
#define N 16
#define ROWS (N / T)

static long slots[T * PER];
static double A[N * N], B[N * N], C[N * N];

static void *fill(void *arg)
{
    long id = (long)(intptr_t)arg;
    for (int k = 0; k < PER; k++)
        slots[id * PER + k] = id + k;
    return NULL;
}

static void *mul(void *arg)
{
    long id = (long)(intptr_t)arg;
    for (long i = id * ROWS; i < (id + 1) * ROWS; i++)
        for (int j = 0; j < N; j++) {
            double s = 0;
            for (int k = 0; k < N; k++)
                s += A[i * N + k] * B[k * N + j];
            C[i * N + j] = s;
        }
    return NULL;
}

int main(void)
{
    pthread_t t[T], u[T];
    for (int i = 0; i < N * N; i++) {
        A[i] = i;
        B[i] = 1;
    }
    for (long i = 0; i < T; i++) {
        pthread_create(&t[i], NULL, fill, (void *)(intptr_t)i);
        pthread_create(&u[i], NULL, mul, (void *)(intptr_t)i);
    }
    for (int i = 0; i < T; i++) {
        pthread_join(t[i], NULL);
        pthread_join(u[i], NULL);
    }
    printf("%ld %f\n", slots[T * PER - 1], C[N * N - 1]);
    return 0;
}
