/*
 * index_remainder_racy.c - index_remainder_fixed.c's workers with the
 * remainders too wide for their strides: `a[2 * id + r % 3]` reaches the
 * next worker's first cell, `b[2 * id + (r & 3)]` the next one's two, and
 * a remainder of a counter that may be negative (`(r - 4) % 2`, in
 * [-1, 1]) reaches the previous worker's last cell.
 *
 * TRUTH: races on a, b and c between neighbouring workers.
 */
#include <pthread.h>

#define NT 4

static int a[2 * NT + 2];
static int b[2 * NT + 4];
static int c[2 * NT + 2];

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    for (int r = 0; r < 8; r++) {
        a[2 * id + r % 3] += r; // expect: data-race 'a[?]'
        b[2 * id + (r & 3)] = r; // expect: data-race 'b[?]'
        c[2 * id + 1 + (r - 4) % 2] = r; // expect: data-race 'c[?]'
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
