// expect-no-findings
/*
 * perthread_rows_fixed.c - workers started with their index by value, each
 * working on the row the creator allocated for it and stored in rows[i]
 * just before starting it:
 * - the creator fills rows[i] (and sizes[i]) in the iteration that starts
 *   worker i: no running worker uses element i;
 * - a worker copies its row's pointer once (`int *r = rows[id]`) and writes
 *   through it, or writes through `rows[id]` directly.
 *
 * TRUTH: no race: each worker touches only its own element and its own
 * row; main reads after the joins.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#define T 4
#define W 16

static int *rows[T];
static int sizes[T];

static void *worker(void *arg)
{
    intptr_t id = (intptr_t)arg;
    int *r = rows[id];
    for (int j = 0; j < sizes[id]; j++)
        r[j] = j;
    rows[id][0] += 1;
    return NULL;
}

int main(void)
{
    pthread_t t[T];
    for (intptr_t i = 0; i < T; i++) {
        rows[i] = calloc(W, sizeof(int));
        sizes[i] = W;
        pthread_create(&t[i], NULL, worker, (void *)i);
    }
    long s = 0;
    for (int i = 0; i < T; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < T; i++) {
        s += rows[i][1];
        free(rows[i]);
    }
    return (int)s;
}
