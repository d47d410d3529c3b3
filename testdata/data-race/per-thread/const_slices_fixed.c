// expect-no-findings
/*
 * const_slices_fixed.c - threads started one by one, each filling its own
 * constant part of a shared array: the bounds in a creator's local handed
 * over by address (`struct range lo_half = {0, N / 2}`, or set field by
 * field), a constant start value (`(void *)1`, `for (i = id * H; i < (id +
 * 1) * H; i++)`), two routines with their own constant loops, and main
 * filling its half while the workers run. Each loop counter stays in a
 * constant range and the ranges do not meet (rule const-slices).
 */
#include <pthread.h>

#define N 100
#define H (N / 2)

struct range { int lo, hi; };
static int a[N], b[N], c[N], d[N];

static void *fill(void *p) {
    struct range *r = p;
    for (int i = r->lo; i < r->hi; i++) a[i] = i;
    return NULL;
}

static void *fill_id(void *arg) {
    long id = (long)arg;
    for (long i = id * H; i < (id + 1) * H; i++) b[i] = 1;
    return NULL;
}

static void *low(void *arg) {
    (void)arg;
    for (int i = 0; i < H; i++) c[i] = 2;
    for (int i = 0; i <= H - 1; i++) d[i] += 1;
    return NULL;
}

static void *high(void *arg) {
    (void)arg;
    for (int i = H; i < N; i++) c[i] = 3;
    return NULL;
}

int main(void) {
    struct range lo_half = {0, H}, hi_half;
    hi_half.lo = H;
    hi_half.hi = N;
    pthread_t t[6];
    pthread_create(&t[0], NULL, fill, &lo_half);
    pthread_create(&t[1], NULL, fill, &hi_half);
    pthread_create(&t[2], NULL, fill_id, (void *)0);
    pthread_create(&t[3], NULL, fill_id, (void *)1);
    pthread_create(&t[4], NULL, low, NULL);
    pthread_create(&t[5], NULL, high, NULL);
    for (int i = H; i < N; i++) d[i] = 4;
    for (int k = 0; k < 6; k++) pthread_join(t[k], NULL);
    return a[0] + b[0] + c[0] + d[0];
}
