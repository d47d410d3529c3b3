/*
 * claim_perm_racy.c - arrays that are not provably permutations, or not
 * read at a claimed index: a worker mapping its claim through one of them
 * may land on a slot another worker also got. Written with a non-identity
 * value (`i / 2`), identity-initialised and then stored to once more,
 * initialised over half of the declared length or short of the bound
 * (`i < n - 1`), from 1 on, only on some iterations, overwritten by memset
 * or by a copy of the struct holding it, handed to a library function with
 * no model (it may store anything), two different permutations indexed by
 * claims of one counter, and a permutation read at an index that is not a
 * claim (the worker's own number, shared by every instance of it).
 * Ledger: `swapped` is reordered by the program's own swap, which keeps it
 * a permutation (no race on o12), but only the identity stores and calls
 * whose model says "permutes" are trusted: a known false alarm.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 64
#define WORKERS 4

static atomic_size_t next;
static size_t halves[N], restored[N], part[N], from1[N], some[N], shy[N], wiped[N], up[N], down[N], fixed[N];
static struct { size_t perm[N]; } box, spare;
static size_t ext[N], swapped[N];
void reorder(size_t *a, size_t n); /* a library's: what it stores is not known */

static void swap(size_t *a, size_t x, size_t y)
{
    size_t t = a[x];
    a[x] = a[y];
    a[y] = t;
}
static long o1[N], o2[N], o3[N], o4[N], o5[N], o6[N], o7[N], o8[N], o9[N], o10[N], o11[N], o12[N];

static int cmp_desc(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a < b) - (a > b);
}

static void *worker(void *arg)
{
    size_t self = *(const size_t *)arg;
    size_t i;
    while ((i = atomic_fetch_add(&next, 1)) < N) {
        size_t a = halves[i];
        o1[a] = 1; // expect: data-race 'o1[a]'
        size_t b = restored[i];
        o2[b] = 1; // expect: data-race 'o2[b]'
        size_t c = part[i];
        o3[c] = 1; // expect: data-race 'o3[c]'
        size_t d = from1[i];
        o4[d] = 1; // expect: data-race 'o4[d]'
        size_t e = some[i];
        o5[e] = 1; // expect: data-race 'o5[e]'
        size_t g = shy[i];
        o9[g] = 1; // expect: data-race 'o9[g]'
        size_t h = box.perm[i];
        o10[h] = 1; // expect: data-race 'o10[h]'
        size_t x = ext[i], y = swapped[i];
        o11[x] = 1; // expect: data-race 'o11[x]'
        o12[y] = 1; // known-false-alarm: data-race 'o12[y]'
        size_t f = wiped[i];
        o6[f] = 1; // expect: data-race 'o6[f]'
        size_t u = up[i], v = down[i];
        o7[u] = 1; // expect: data-race 'o7[u]'
        o7[v] = 2;
    }
    size_t s = fixed[self % N];
    o8[s] = 1; // expect: data-race 'o8[s]'
    return NULL;
}

int main(void)
{
    size_t n = N;
    for (size_t i = 0; i < N; i++) halves[i] = i / 2;
    for (size_t i = 0; i < N; i++) restored[i] = i;
    restored[N - 1] = 0;
    for (size_t i = 0; i < 32; i++) part[i] = i; /* 32 of 64 */
    for (size_t i = 0; i < n - 1; i++) shy[i] = i;
    for (size_t i = 1; i < N; i++) from1[i] = i;
    for (size_t i = 0; i < N; i++)
        if (i % 3) some[i] = i;
    for (size_t i = 0; i < N; i++) wiped[i] = i;
    memset(wiped, 0, sizeof wiped);
    for (size_t i = 0; i < N; i++) box.perm[i] = i;
    box = spare;
    for (size_t i = 0; i < N; i++) ext[i] = i;
    reorder(ext, N);
    for (size_t i = 0; i < N; i++) swapped[i] = i;
    swap(swapped, 0, N - 1);
    for (size_t i = 0; i < N; i++) up[i] = i;
    for (size_t i = 0; i < N; i++) down[i] = i;
    qsort(down, N, sizeof down[0], cmp_desc);
    for (size_t i = 0; i < N; i++) fixed[i] = i;
    pthread_t t[WORKERS];
    size_t ids[WORKERS];
    for (size_t w = 0; w < WORKERS; w++) {
        ids[w] = 0;
        pthread_create(&t[w], NULL, worker, &ids[w]);
    }
    for (size_t w = 0; w < WORKERS; w++) pthread_join(t[w], NULL);
    printf("%ld %ld %ld %ld %ld %ld %ld %ld %ld\n", o1[0], o2[0], o3[0], o4[0], o5[0], o6[0], o7[0], o8[0], o9[0] + o10[0] + o11[0] + o12[0]);
    return 0;
}
