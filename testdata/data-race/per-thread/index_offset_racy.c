/*
 * index_offset_racy.c - slices written as offsets from their start
 * (index_offset_fixed.c) that overlap:
 * - fill: `slots[id * PER + k]` with k up to PER: each worker also writes
 *   the first slot of the next one's slice;
 * - mul: the row block's stride is one row short (`i * (N - 1) + j`), so
 *   the workers' ranges of C overlap;
 * - the shared `filled` count, updated by every worker without a lock.
 *
 * TRUTH: races on slots[], C[] and filled.
 */
#include <pthread.h>
#include <stdint.h>

#define T 4
#define PER 8
#define N 16
#define ROWS (N / T)

static long slots[T * PER + 1];
static double C[N * N];
static long filled;

static void *fill(void *arg)
{
    long id = (long)(intptr_t)arg;
    for (int k = 0; k <= PER; k++)
        slots[id * PER + k] = id + k; // expect: data-race 'slots[?]'
    filled += PER; // expect: data-race 'filled'
    return NULL;
}

static void *mul(void *arg)
{
    long id = (long)(intptr_t)arg;
    for (long i = id * ROWS; i < (id + 1) * ROWS; i++)
        for (int j = 0; j < N; j++)
            C[i * (N - 1) + j] = (double)(i + j); // expect: data-race 'C[?]'
    return NULL;
}

int main(void)
{
    pthread_t t[T], u[T];
    for (long i = 0; i < T; i++) {
        pthread_create(&t[i], NULL, fill, (void *)(intptr_t)i);
        pthread_create(&u[i], NULL, mul, (void *)(intptr_t)i);
    }
    for (int i = 0; i < T; i++) {
        pthread_join(t[i], NULL);
        pthread_join(u[i], NULL);
    }
    return slots[0] + filled > 0 && C[0] >= 0 ? 0 : 1;
}
