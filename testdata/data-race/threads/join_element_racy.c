/*
 * join_element_racy.c - join loops that touch an element other than the
 * one of the instance just joined, and an instance that reaches another
 * instance's context through the global array.
 *
 * - sums: after joining t[i], main reads args[N - 1] (a constant index):
 *   the last worker may still run;
 * - partial: after joining c[i], main reads partial[j], j a different
 *   index variable;
 * - grid: workers write grid[id][0]; main reads grid[0][i] after joining
 *   g[i] - the element of instance 0, not of instance i;
 * - ctxs: each scanner also reads its neighbour's context through the
 *   global array (ctxs[(id + 1) % N]), which the neighbour writes.
 *
 * TRUTH: races on args[].sum (main against the last worker), partial[]
 * (main against the workers), grid[][] (main against instance 0) and
 * ctx->found (a scanner's write through its parameter against the
 * neighbour's read through the global array), and on ctxs[] itself (main
 * stores the later contexts while the first scanners read their
 * neighbours' pointers).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#define N 4

struct arg { int id; long sum; };
struct ctx { int id; long found; };

static struct arg args[N];
static long partial[N];
static long grid[N][N];
static struct ctx *ctxs[N];

static void *sum_worker(void *p)
{
    struct arg *a = p;
    long sum = 0;
    for (int k = 0; k < 100; k++)
        sum += k * a->id;
    a->sum = sum; // expect: data-race 'a->sum'
    return NULL;
}

static void *count_worker(void *p)
{
    intptr_t id = (intptr_t)p;
    long sum = 0;
    for (int k = 0; k < 100; k++)
        sum += k;
    partial[id] = sum; // expect: data-race 'partial[id]'
    return NULL;
}

static void *grid_worker(void *p)
{
    intptr_t id = (intptr_t)p;
    grid[id][0] = id; // expect: data-race 'grid[id][0]'
    return NULL;
}

static void *scanner(void *p)
{
    struct ctx *c = p;
    c->found = c->id * 3; // expect: data-race 'c->found'
    return (void *)ctxs[(c->id + 1) % N]->found;
}

int main(void)
{
    pthread_t t[N], c[N], g[N], s[N];
    long total = 0;

    for (int i = 0; i < N; i++) {
        args[i].id = i;
        pthread_create(&t[i], NULL, sum_worker, &args[i]);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        total += args[N - 1].sum;
    }

    for (intptr_t i = 0; i < N; i++)
        pthread_create(&c[i], NULL, count_worker, (void *)i);
    for (int i = 0, j = N - 1; i < N; i++, j--) {
        pthread_join(c[i], NULL);
        total += partial[j];
    }

    for (intptr_t i = 0; i < N; i++)
        pthread_create(&g[i], NULL, grid_worker, (void *)i);
    for (int i = 0; i < N; i++) {
        pthread_join(g[i], NULL);
        total += grid[0][i];
    }

    for (int i = 0; i < N; i++) {
        ctxs[i] = calloc(1, sizeof *ctxs[i]); // expect: data-race 'ctxs[i]'
        ctxs[i]->id = i;
        pthread_create(&s[i], NULL, scanner, ctxs[i]);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(s[i], NULL);
        total += ctxs[i]->found;
    }
    return total > 0 ? 0 : 1;
}
