// expect-no-findings
/*
 * claim_perm_nested_fixed.c - a worker pool over an atomic counter, as
 * racecheck's own pool.c and data_race.c use it: one worker routine calls
 * the job through a function pointer with the shared context (`void *ctx`),
 * and two jobs each map the claimed item through their own sorted
 * permutation (`lj->order[item]`, identity-initialised, then qsort).
 * Context-insensitively both jobs' `ctx` may be either context, so
 * `lj->order` names both permutation arrays: a claim read from either is
 * still a value no other claim gets. The element is also used straight as
 * an index (`groups[by_size[item]]`, `out[perm[i]]`), and through a
 * pointer to the slot it selects (`g = &mj->groups[...]`).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#define N 64
#define WORKERS 4

typedef void (*Job)(void *ctx, size_t worker, size_t item);
typedef struct { void *ctx; size_t count; atomic_size_t next; Job job; } Shared;
typedef struct { Shared *sh; size_t worker; } Arg;

static void *pool_worker(void *p) {
    Arg *a = p;
    Shared *sh = a->sh;
    for (;;) {
        size_t i = atomic_fetch_add(&sh->next, 1);
        if (i >= sh->count) break;
        sh->job(sh->ctx, a->worker, i);
    }
    return NULL;
}

static void pool_run(size_t count, void *ctx, Job job) {
    Shared sh = {ctx, count, 0, job};
    pthread_t tids[WORKERS];
    Arg args[WORKERS];
    for (size_t w = 0; w < WORKERS; w++) {
        args[w] = (Arg){&sh, w};
        pthread_create(&tids[w], NULL, pool_worker, &args[w]);
    }
    for (size_t w = 0; w < WORKERS; w++) pthread_join(tids[w], NULL);
}

typedef struct { long sum; size_t n; } Slot;
typedef struct { size_t *order; Slot *slots; } LocJob;
typedef struct { long keys, n; } Group;
typedef struct { size_t *order; size_t *by_size; Group *groups; } MergeJob;

static void fill(Slot *s, long v) {
    s->sum += v;
    s->n++;
}

static void locate(void *ctx, size_t worker, size_t item) {
    (void)worker;
    LocJob *lj = ctx;
    size_t li = lj->order[item];
    Slot *s = &lj->slots[li];
    s->sum = (long)li;
    fill(s, 2);
}

static void merge(void *ctx, size_t worker, size_t item) {
    (void)worker;
    MergeJob *mj = ctx;
    Group *g = &mj->groups[mj->by_size[item]];
    g->keys = (long)item;
    g->n++;
    mj->groups[mj->by_size[item]].n += 2;
}

static size_t perm[N];
static long out[N];
static atomic_size_t next;

static void *direct(void *arg) {
    (void)arg;
    for (;;) {
        size_t i = atomic_fetch_add(&next, 1);
        if (i >= N) break;
        out[perm[i]] += (long)i;
    }
    return NULL;
}

static int cmp(const void *x, const void *y) {
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

static size_t *identity(size_t n) {
    size_t *o = malloc(n * sizeof *o);
    if (!o) abort();
    for (size_t i = 0; i < n; i++) o[i] = i;
    return o;
}

int main(void) {
    LocJob lj = {malloc(N * sizeof(size_t)), calloc(N, sizeof(Slot))};
    MergeJob mj = {malloc(N * sizeof(size_t)), malloc(N * sizeof(size_t)), calloc(N, sizeof(Group))};
    if (!lj.order || !lj.slots || !mj.order || !mj.by_size || !mj.groups) return 1;
    for (size_t i = 0; i < N; i++) lj.order[i] = i;
    for (size_t i = 0; i < N; i++) mj.order[i] = i;
    for (size_t i = 0; i < N; i++) mj.by_size[i] = i;
    qsort(lj.order, N, sizeof(size_t), cmp);
    qsort(mj.by_size, N, sizeof(size_t), cmp);
    pool_run(N, &lj, locate);
    pool_run(N, &mj, merge);
    for (size_t i = 0; i < N; i++) perm[i] = i;
    pthread_t t[WORKERS];
    for (int w = 0; w < WORKERS; w++) pthread_create(&t[w], NULL, direct, NULL);
    for (int w = 0; w < WORKERS; w++) pthread_join(t[w], NULL);
    free(identity(4));
    return (int)(lj.slots[0].sum + mj.groups[0].n + out[0]);
}
