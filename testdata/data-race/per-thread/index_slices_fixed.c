// expect-no-findings
/*
 * index_slices_fixed.c - workers that each fill their own contiguous slice
 * of shared arrays, the bounds computed from the worker's distinct index:
 * - `start = id * chunk; end = start + chunk` in locals, `i < end`;
 * - the bounds written into the loop itself: `i = id * C; i < (id + 1) * C`,
 *   also the other way round (`(id + 1) * C > j`);
 * - `i <= hi - 1`, and a while loop stepping its counter after the access;
 * - rows of a matrix: the outer loop's counter picks the row, the inner
 *   loop walks it;
 * - workers handed `&args[i]` (args[i].id = i) computing their bounds from
 *   the id they read through the pointer, stepping by two;
 * - workers handed `&jobs[i]` whose bounds the creator stored there
 *   (`jobs[i].lo = i * chunk; jobs[i].hi = (i + 1) * chunk`), filling a
 *   global array and a heap one reached through the job;
 * - a cyclic distribution: worker id takes every T-th cell from id (`i =
 *   id; i < N; i += T`), and from id + T, with T workers started with 0 to
 *   T - 1.
 *
 * TRUTH: no race: the slices of distinct indices are disjoint, and main
 * reads after the joins. The last worker takes the remainder (`last = id
 * == T - 1 ? N : start + C`, or `if (id == T - 1) stop = N`), and so does
 * the last job (`jobs[i].hi = i == T - 1 ? N : (i + 1) * chunk`): its
 * range starts past every other's; and bounds the creator wrote into an
 * array of structs' initialiser rather than in its spawn loop (`{{0, N /
 * 2}, {N / 2, N}}`: evenly spaced, affine in the spawn loop's counter).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#define N 64
#define T 4
#define C (N / T)

static int a[N], b[N], c[N], d[N], e[N], tail[N], tail2[N], ranged[N];
static int m[N][N];
static int cyc[N], cyc2[N];

static void *fill(void *arg)
{
    intptr_t id = (intptr_t)arg;
    int chunk = N / T;
    int start = id * chunk;
    int end = start + chunk;
    for (int i = start; i < end; i++)
        a[i] = i;
    for (long i = id * C; i < (id + 1) * C; i++)
        b[i] = (int)i;
    for (long j = start; (id + 1) * C > j; j++)
        e[j] = 1;
    for (int i = start; i <= end - 1; i++)
        c[i] += 1;
    int r = start;
    while (r < end) {
        d[r] = r;
        r++;
    }
    for (int x = start; x < end; x++)
        for (int y = 0; y < N; y++)
            m[x][y] = x + y;
    for (intptr_t i = id; i < N; i += T)
        cyc[i] = 1;
    for (intptr_t i = id + T; i < N; i += T)
        cyc2[i] = 2;
    int last = id == T - 1 ? N : start + C;
    for (int i = start; i < last; i++)
        tail[i] = 1;
    int stop = start + C;
    if (id == T - 1)
        stop = N;
    for (int i = start; i < stop; i++)
        tail2[i] = 2;
    return NULL;
}

struct arg {
    int id;
    long sum;
    char pad[48];
};

static long vals[2 * N];

static void *sum(void *p)
{
    struct arg *me = p;
    long id = me->id;
    long lo = id * 2 * C;
    long s = 0;
    for (long i = lo; i < lo + 2 * C; i += 2) {
        vals[i] = i;
        s += vals[i];
    }
    me->sum = s;
    return NULL;
}

struct job {
    int lo, hi;
    int *heap;
};

static int filled[N];

static void *work(void *p)
{
    struct job *j = p;
    for (int i = j->lo; i < j->hi; i++) {
        filled[i] = i;
        j->heap[i] = i;
    }
    return NULL;
}

struct range {
    int lo, hi;
};

static void *ranges(void *p)
{
    struct range *r = p;
    for (int i = r->lo; i < r->hi; i++)
        ranged[i] = i;
    return NULL;
}

int main(void)
{
    pthread_t t[T], u[T], v[2], w[T];
    struct arg args[T];
    struct job jobs[T];
    int *heap = calloc(N, sizeof *heap);
    int chunk = N / T;
    for (int i = 0; i < T; i++) {
        jobs[i].heap = heap;
        jobs[i].lo = i * chunk;
        jobs[i].hi = i == T - 1 ? N : (i + 1) * chunk;
        pthread_create(&w[i], NULL, work, &jobs[i]);
    }
    struct range rs[2] = {{0, N / 2}, {N / 2, N}};
    for (intptr_t i = 0; i < T; i++)
        pthread_create(&t[i], NULL, fill, (void *)i);
    for (int i = 0; i < T; i++) {
        args[i].id = i;
        args[i].sum = 0;
        pthread_create(&u[i], NULL, sum, &args[i]);
    }
    for (int i = 0; i < 2; i++)
        pthread_create(&v[i], NULL, ranges, &rs[i]);
    long total = 0;
    for (int i = 0; i < T; i++) {
        pthread_join(t[i], NULL);
        pthread_join(u[i], NULL);
    }
    for (int i = 0; i < T; i++)
        total += args[i].sum;
    for (int i = 0; i < 2; i++)
        pthread_join(v[i], NULL);
    for (int i = 0; i < T; i++)
        pthread_join(w[i], NULL);
    total += heap[3] + filled[3];
    free(heap);
    return (int)total + cyc[1] + cyc2[9] + a[1] + e[1] + b[2] + c[3] + d[4] + m[5][6] + tail[7] + tail2[7] + ranged[8];
}
