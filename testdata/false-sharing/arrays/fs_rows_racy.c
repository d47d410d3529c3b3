/*
 * fs_rows_racy.c - per-thread rows of 4 doubles (32 bytes), each worker
 * adding into every element of its row on every pass of its outer loop.
 * The inner loop sweeps the row, but the outer loop sweeps it again and
 * again: hot. (A lone sweep, the copy-out of pointers/fs_fnptr_fixed.c,
 * is not.)
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NWORKERS 4
#define NDIM 4

static double acc[NWORKERS][NDIM];
static double samples[1024][NDIM];

static void *worker(void *arg) {
    long id = (long)(intptr_t)arg;
    for (int s = (int)id; s < 1024; s += NWORKERS)
        for (int k = 0; k < NDIM; k++)
            acc[id][k] += samples[s][k]; // expect: false-sharing 'acc[id][k]'
    return NULL;
}

int main(void) {
    pthread_t t[NWORKERS];
    for (int s = 0; s < 1024; s++)
        for (int k = 0; k < NDIM; k++) samples[s][k] = s * 0.5 + k;
    for (long i = 0; i < NWORKERS; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < NWORKERS; i++) pthread_join(t[i], NULL);
    printf("%f\n", acc[0][0] + acc[NWORKERS - 1][NDIM - 1]);
    return 0;
}
