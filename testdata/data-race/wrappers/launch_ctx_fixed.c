// expect-no-findings
/*
 * launch_ctx_fixed.c - libuv's former uv_thread_create shape: the entry and
 * its argument go into a heap ctx, the fixed trampoline copies the ctx to a
 * local struct, frees it and calls ctx.entry(ctx.arg); the handle is the
 * caller's (`th_create(&t, ..)`) and th_join(&t) joins through it.
 *
 * Each th_create call is a spawn site of its own with handle &t1 or &t2, and
 * each th_join call joins what its argument points to: both threads are
 * joined before main reads. No race. (Before, the one spawn inside
 * th_create stored into `*tid`, which points to t1 or t2, so no join ended
 * it; and both routines were one thread.)
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
static void count_b(void *arg) { struct counts *c = arg; c->b++; }

int main(void)
{
    struct counts counts = {0, 0};
    th_t t1, t2;
    if (th_create(&t1, count_a, &counts) || th_create(&t2, count_b, &counts))
        return 1;
    th_join(&t1);
    th_join(&t2);
    return counts.a + counts.b;
}
