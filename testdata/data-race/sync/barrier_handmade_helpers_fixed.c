// expect-no-findings
/*
 * barrier_handmade_helpers_fixed.c - barrier_handmade_fixed.c with the
 * reusable barrier's mutex taken and released through one-line helpers
 * that lock a field of their parameter (`bar_lock(b)`: `&b->m`). The
 * helpers are lock models (wrappers.c, lock field steps), and the
 * hand-built barrier is recognised through them (pools.c, lock_spelled):
 * each phase's writes happen before the next phase's reads.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4

struct barrier {
    pthread_mutex_t m;
    pthread_cond_t c;
    int count, gen;
};

static pthread_mutex_t once_m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t once_c = PTHREAD_COND_INITIALIZER;
static int arrived;
static struct barrier round_bar = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
static double level[N], smoothed[N], total[N];

static void all_started(void)
{
    pthread_mutex_lock(&once_m);
    arrived++;
    if (arrived == N)
        pthread_cond_broadcast(&once_c);
    else
        while (arrived < N) pthread_cond_wait(&once_c, &once_m);
    pthread_mutex_unlock(&once_m);
}

static void bar_lock(struct barrier *b) { pthread_mutex_lock(&b->m); }
static void bar_unlock(struct barrier *b) { pthread_mutex_unlock(&b->m); }

static void barrier_wait(struct barrier *b)
{
    bar_lock(b);
    int gen = b->gen;
    if (++b->count == N) {
        b->count = 0;
        b->gen++;
        pthread_cond_broadcast(&b->c);
    } else {
        while (gen == b->gen) pthread_cond_wait(&b->c, &b->m);
    }
    bar_unlock(b);
}

static void *worker(void *arg)
{
    long id = (long)(intptr_t)arg;

    level[id] = (double)(id * id);
    all_started();
    smoothed[id] = (level[(id + N - 1) % N] + level[id] + level[(id + 1) % N]) / 3.0;
    barrier_wait(&round_bar);
    total[id] = smoothed[(id + 1) % N] + smoothed[id];
    barrier_wait(&round_bar);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++) printf("%f\n", total[i]);
    return 0;
}
