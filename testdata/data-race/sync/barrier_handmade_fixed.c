// expect-no-findings
/*
 * barrier_handmade_fixed.c - barrier_fixed.c with barriers built by hand
 * from a mutex and a condition variable: a one-shot one (count the
 * arrivals; the last broadcasts, the others wait until all arrived) and a
 * reusable one with a generation (`struct barrier`, passed twice: three
 * phases). Each thread's phase-1 writes happen before every phase-2 read,
 * phase-2 writes before phase-3 reads.
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

static void barrier_wait(struct barrier *b)
{
    pthread_mutex_lock(&b->m);
    int gen = b->gen;
    if (++b->count == N) {
        b->count = 0;
        b->gen++;
        pthread_cond_broadcast(&b->c);
    } else {
        while (gen == b->gen) pthread_cond_wait(&b->c, &b->m);
    }
    pthread_mutex_unlock(&b->m);
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
