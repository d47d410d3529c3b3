// expect-no-findings
/*
 * perthread_slot_ptr_fixed.c - each worker takes the address of its own
 * slot once (`struct acc *mine = &accs[id]`) and works through it, also in
 * a job function a pool-like worker calls with its worker number (`sc =
 * &ctx->scratch[worker]`, racecheck's own data-race check keeps per-worker
 * scratch so). The slots are padded to a cache line, so no false sharing
 * either.
 */
#include <pthread.h>
#include <stdint.h>

#define T 4

struct acc { _Alignas(64) long sum; long n; };
struct ctx { struct acc scratch[T]; long out[64]; };

static struct acc accs[T];
static struct ctx ctx;

static void job(struct ctx *c, long worker, long item) {
    struct acc *sc = &c->scratch[worker];
    sc->sum += item;
    sc->n++;
}

static void *worker(void *arg) {
    long id = (long)(intptr_t)arg;
    struct acc *mine = &accs[id];
    for (int i = 0; i < 100; i++) {
        mine->sum += i;
        mine->n++;
    }
    for (long item = id; item < 64; item += T) job(&ctx, id, item);
    return NULL;
}

int main(void) {
    pthread_t t[T];
    for (long i = 0; i < T; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < T; i++) pthread_join(t[i], NULL);
    long s = 0;
    for (int i = 0; i < T; i++) s += accs[i].sum + ctx.scratch[i].sum;
    return (int)(s & 1);
}
