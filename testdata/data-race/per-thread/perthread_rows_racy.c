/*
 * perthread_rows_racy.c - perthread_rows_fixed.c's rows, not kept apart:
 * - the creator sets `sizes[i]` again after starting worker i, which reads
 *   it;
 * - a worker's pointer is its own row or row 0 (assigned twice), and it
 *   writes through it;
 * - a worker writes rows[0] itself.
 *
 * TRUTH: races on sizes[i], on the rows' cells (through r) and on rows[0].
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
    if (sizes[id] > W)
        r = rows[0];
    for (int j = 0; j < W; j++)
        r[j] = j; // expect: data-race 'r[j]'
    if (id == T - 1)
        rows[0] = NULL; // expect: data-race 'rows[0]'
    return NULL;
}

int main(void)
{
    pthread_t t[T];
    for (intptr_t i = 0; i < T; i++) {
        rows[i] = calloc(W, sizeof(int));
        pthread_create(&t[i], NULL, worker, (void *)i);
        sizes[i] = W; // expect: data-race 'sizes[i]'
    }
    for (int i = 0; i < T; i++)
        pthread_join(t[i], NULL);
    return 0;
}
