// expect-no-findings
/*
 * join_element_fixed.c - join loops that take back one instance's element
 * at a time: each iteration joins the instance whose handle is t[i] and
 * then reads or frees what that instance was handed, while the instances
 * not joined yet still run on their own elements.
 *
 * - sums[]: the workers get `&args[i]` and write their element's fields;
 *   main reads args[i] right after joining t[i];
 * - partial[]: the counters get `(void *)i` and write partial[id]; main
 *   reads partial[i] right after joining c[i];
 * - ctxs[]: each scanner gets a context allocated in its iteration and kept
 *   in the global array ctxs[] (for the joins), directly (`ctxs[i] =
 *   calloc(..)`, passing ctxs[i]) or through a local (`ctx = calloc(..);
 *   ctxs[i] = ctx`, passing ctx); the scanner fills its own, main reads
 *   and frees ctxs[i] after joining s[i]. The contexts hang from a global,
 *   so only the scanners' accesses through their start parameter are
 *   their own.
 *
 * TRUTH: no race: each read by main is of the element of an instance that
 * has ended; every other instance writes only its own element.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#define N 4

struct arg { int id; long sum; };
struct ctx { int id; long found; char name[16]; };

static struct arg args[N];
static long partial[N];
static struct ctx *ctxs[N];
static struct ctx *more[N];

static void *sum_worker(void *p)
{
    struct arg *a = p;
    long sum = 0;
    for (int k = 0; k < 100; k++)
        sum += k * a->id;
    a->sum = sum;
    return NULL;
}

static void *count_worker(void *p)
{
    intptr_t id = (intptr_t)p;
    long sum = 0;
    for (int k = 0; k < 100; k++)
        sum += k;
    partial[id] = sum;
    return NULL;
}

static void *scanner(void *p)
{
    struct ctx *c = p;
    for (int k = 0; k < 16; k++)
        c->name[k] = (char)('a' + c->id);
    c->found = c->id * 3;
    return NULL;
}

int main(void)
{
    pthread_t t[N], c[N], s[N], m[N];
    long total = 0;

    for (int i = 0; i < N; i++) {
        args[i].id = i;
        pthread_create(&t[i], NULL, sum_worker, &args[i]);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        total += args[i].sum;
    }

    for (intptr_t i = 0; i < N; i++)
        pthread_create(&c[i], NULL, count_worker, (void *)i);
    for (int i = 0; i < N; i++) {
        pthread_join(c[i], NULL);
        total += partial[i];
    }

    for (int i = 0; i < N; i++) {
        ctxs[i] = calloc(1, sizeof *ctxs[i]);
        ctxs[i]->id = i;
        pthread_create(&s[i], NULL, scanner, ctxs[i]);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(s[i], NULL);
        total += ctxs[i]->found + ctxs[i]->name[0];
        free(ctxs[i]);
    }

    for (int i = 0; i < N; i++) {
        struct ctx *ctx = calloc(1, sizeof *ctx);
        ctx->id = i;
        more[i] = ctx;
        pthread_create(&m[i], NULL, scanner, ctx);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(m[i], NULL);
        total += more[i]->found;
        free(more[i]);
    }
    return total > 0 ? 0 : 1;
}
