/*
 * claim_perm_nested_racy.c - a claim mapped through an array straight in
 * the index (`groups[by_size[item]]`) where that is no proof of distinct
 * slots: two different permutations read at claims of one counter (item 3
 * of one may be item 7 of the other), an array that is no permutation
 * (`half[i] = i / 2`), and a pointer to the claimed row's first cell
 * (`&m[i][0]`) against a claim in the second dimension (`m[0][j]`): claim
 * 0 in both threads is cell m[0][0].
 * Workers handed different permutations of one counter's items in their
 * argument (`a->perm`, the identity or its reverse): one pointer holding
 * either is two permutations.
 * Known miss: the same with each worker's argument a different object
 * (`one`, `two`), each holding one permutation: racecheck takes the
 * arrays read through different context objects for one abstract array
 * (as it takes an allocation site run twice for one array), which holds
 * when the instances claiming together share their context (a pool's jobs
 * with their contexts), not here.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#define N 64
#define WORKERS 4

typedef struct { long keys, n; } Group;
static size_t by_size[N], order[N], half[N], ident[N], rev[N];
static Group groups[N];
static long out[N], cells[N][N], mixed[N];
static atomic_size_t next, next2, next3;

struct arg { size_t *perm; };

static void *worker(void *p) {
    (void)p;
    for (;;) {
        size_t item = atomic_fetch_add(&next, 1);
        if (item >= N) break;
        Group *g = &groups[by_size[item]];
        g->n++; // expect: data-race 'g->n'
        groups[order[item]].n += 2;
        out[half[item]] = (long)item; // expect: data-race 'out[?]'
    }
    for (;;) {
        size_t i = atomic_fetch_add(&next2, 1);
        if (i >= N) break;
        long *cell = &cells[i][0];
        *cell = 1; // expect: data-race '*cell'
        cells[0][i] = 2;
    }
    return NULL;
}

static void *mapper(void *p) {
    struct arg *a = p;
    for (;;) {
        size_t i = atomic_fetch_add(&next3, 1);
        if (i >= N) break;
        mixed[a->perm[i]] += 1; // expect: data-race 'mixed[?]'
    }
    return NULL;
}

static long split[N];
static atomic_size_t next4;
static struct arg one = {ident}, two = {rev};

static void *mapper2(void *p) {
    struct arg *a = p;
    for (;;) {
        size_t i = atomic_fetch_add(&next4, 1);
        if (i >= N) break;
        split[a->perm[i]] += 1; // known-miss: data-race 'split[?]'
    }
    return NULL;
}

static int desc(const void *x, const void *y) {
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a < b) - (a > b);
}

int main(void) {
    for (size_t i = 0; i < N; i++) by_size[i] = i;
    for (size_t i = 0; i < N; i++) order[i] = i;
    for (size_t i = 0; i < N; i++) half[i] = i / 2;
    for (size_t i = 0; i < N; i++) ident[i] = i;
    for (size_t i = 0; i < N; i++) rev[i] = i;
    qsort(by_size, N, sizeof(size_t), desc);
    qsort(rev, N, sizeof(size_t), desc);
    pthread_t t[WORKERS], m[WORKERS];
    struct arg args[WORKERS];
    for (int w = 0; w < WORKERS; w++) pthread_create(&t[w], NULL, worker, NULL);
    for (int w = 0; w < WORKERS; w++) {
        args[w].perm = w % 2 ? rev : ident;
        pthread_create(&m[w], NULL, mapper, &args[w]);
    }
    pthread_t s1, s2;
    pthread_create(&s1, NULL, mapper2, &one);
    pthread_create(&s2, NULL, mapper2, &two);
    for (int w = 0; w < WORKERS; w++) pthread_join(t[w], NULL);
    for (int w = 0; w < WORKERS; w++) pthread_join(m[w], NULL);
    pthread_join(s1, NULL);
    pthread_join(s2, NULL);
    return (int)(groups[0].n + out[0] + cells[0][0] + mixed[0] + split[0]);
}
