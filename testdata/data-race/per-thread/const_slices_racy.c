/*
 * const_slices_racy.c - constant parts that meet, or are no parts: ranges
 * overlapping by one element (`i <= H` against `i = H`), one local handed
 * to both threads and changed between the spawns (its fields have two
 * values: no constant, and the change itself races with the first
 * thread's reads), the start value of threads started in a loop (each
 * instance the same range), and a bound the thread reads from a global
 * another thread writes.
 */
#include <pthread.h>

#define N 100
#define H (N / 2)

struct range { int lo, hi; };
static int a[N], b[N], c[N], d[N];
static int limit = H;

static void *fill(void *p) {
    struct range *r = p;
    for (int i = r->lo; i < r->hi; i++) a[i] = i; // expect: data-race 'a[i]'
    return NULL;
}

static void *low(void *arg) {
    (void)arg;
    for (int i = 0; i <= H; i++) b[i] = 2; // expect: data-race 'b[i]'
    return NULL;
}

static void *high(void *arg) {
    (void)arg;
    for (int i = H; i < N; i++) b[i] = 3;
    for (int i = 0; i < limit; i++) d[i] = 5; // expect: data-race 'd[i]'
    return NULL;
}

static void *same(void *arg) {
    (void)arg;
    for (int i = 0; i < H; i++) c[i] += 1; // expect: data-race 'c[i]'
    return NULL;
}

int main(void) {
    struct range r = {0, H};
    pthread_t t[4], w[4];
    pthread_create(&t[0], NULL, fill, &r);
    r.lo = H; // expect: data-race 'r.lo'
    r.hi = N; // expect: data-race 'r.hi'
    pthread_create(&t[1], NULL, fill, &r);
    pthread_create(&t[2], NULL, low, NULL);
    pthread_create(&t[3], NULL, high, NULL);
    for (int k = 0; k < 4; k++) pthread_create(&w[k], NULL, same, NULL);
    limit = N; // expect: data-race 'limit'
    for (int i = H; i < N; i++) d[i] = 6;
    for (int k = 0; k < 4; k++) pthread_join(t[k], NULL);
    for (int k = 0; k < 4; k++) pthread_join(w[k], NULL);
    return a[0] + b[0] + c[0] + d[0];
}
