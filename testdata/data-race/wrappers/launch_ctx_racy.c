/*
 * launch_ctx_racy.c - launch_ctx_fixed.c where main reads the counts after
 * joining only t1: count_b (the thread of the second th_create call) may
 * still be incrementing counts.b.
 */
#include <pthread.h>
#include <stdlib.h>

typedef pthread_t th_t;
struct thread_ctx {
    void (*entry)(void *arg);
    void *arg;
};

static void *th_start(void *arg)
{
    struct thread_ctx *ctx_p = arg;
    struct thread_ctx ctx = *ctx_p;
    free(ctx_p);
    ctx.entry(ctx.arg);
    return NULL;
}

static int th_create(th_t *tid, void (*entry)(void *arg), void *arg)
{
    struct thread_ctx *ctx = malloc(sizeof *ctx);
    if (ctx == NULL)
        return -1;
    ctx->entry = entry;
    ctx->arg = arg;
    int err = pthread_create(tid, NULL, th_start, ctx);
    if (err)
        free(ctx);
    return err ? -1 : 0;
}

static int th_join(th_t *tid)
{
    return pthread_join(*tid, NULL) ? -1 : 0;
}

struct counts { int a, b; };

static void count_a(void *arg) { struct counts *c = arg; c->a++; }
static void count_b(void *arg) { struct counts *c = arg; c->b++; } // expect: data-race 'b'

int main(void)
{
    struct counts counts = {0, 0};
    th_t t1, t2;
    if (th_create(&t1, count_a, &counts) || th_create(&t2, count_b, &counts))
        return 1;
    th_join(&t1);
    int seen = counts.a + counts.b;
    th_join(&t2);
    return seen;
}
