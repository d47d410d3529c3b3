// expect-no-findings
/*
 * index_remainder_fixed.c - each of NT workers owns two cells, a[2 * id]
 * and a[2 * id + 1], and writes them in turn: `a[2 * id + r % 2]` over its
 * rounds r, `b[4 * id + (r & 3)]` for four cells, and through a local
 * (`int k = 3 * id + (j % 3)`).
 *
 * TRUTH: no race: a remainder by (or a mask with) a positive constant of
 * a counter that is never negative stays within the worker's own cells.
 */
#include <pthread.h>

#define NT 4

static int a[2 * NT];
static int b[4 * NT];
static int c[3 * NT];

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    for (int r = 0; r < 8; r++) {
        a[2 * id + r % 2] += r;
        b[4 * id + (r & 3)] = r;
    }
    for (int j = 0; j < 9; j++) {
        int k = 3 * id + (j % 3);
        c[k]++;
    }
    return 0;
}

int main(void)
{
    pthread_t t[NT];
    for (long i = 0; i < NT; i++)
        pthread_create(&t[i], 0, worker, (void *)i);
    for (int i = 0; i < NT; i++)
        pthread_join(t[i], 0);
    return a[0] + b[0] + c[0];
}
