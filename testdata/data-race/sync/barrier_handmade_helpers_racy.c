/*
 * barrier_handmade_helpers_racy.c - barrier_handmade_racy.c with the
 * reusable barrier's mutex taken through the lock helpers of
 * barrier_handmade_helpers_fixed.c: the neighbours' values read in the
 * phase they are written still race.
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
static int arrived, go;
static struct barrier round_bar = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
static double level[N], smoothed[N], total[N], seen[N];

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

static void start_line(void)
{
    pthread_mutex_lock(&once_m);
    while (!go) pthread_cond_wait(&once_c, &once_m);
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

    start_line();
    seen[id] = level[(id + 1) % N];
    level[id] = (double)(id * id); // expect: data-race 'level[id]'
    all_started();
    smoothed[id] = (level[(id + N - 1) % N] + level[id] + level[(id + 1) % N]) / 3.0; // expect: data-race 'smoothed'
    total[id] = smoothed[(id + 1) % N];
    barrier_wait(&round_bar);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    pthread_mutex_lock(&once_m);
    go = 1;
    pthread_cond_broadcast(&once_c);
    pthread_mutex_unlock(&once_m);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++) printf("%f %f\n", total[i], seen[i]);
    return 0;
}
