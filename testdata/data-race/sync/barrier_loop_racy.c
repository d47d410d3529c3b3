/*
 * barrier_loop_racy.c - rounds of a loop whose barriers do not separate
 * the conflicting accesses:
 * - one wait per round: a worker writes its cell of `cells` after the
 *   wait, its neighbour reads it before the next wait - the same interval
 *   of the barrier's count;
 * - two waits per round, but worker 0 resets `total` in the same half in
 *   which the others add to it;
 * - a third wait only on some rounds (`if (r % 2)`): the halves drift.
 *
 * TRUTH: races on cells[], total and drift.
 */
#include <pthread.h>
#include <stdint.h>

#define T 4
#define ROUNDS 100

static long cells[T + 1];
static long total, drift;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t b1, b2, b3;

static void *once_per_round(void *arg)
{
    intptr_t id = (intptr_t)arg;
    for (int r = 0; r < ROUNDS; r++) {
        long left = cells[id + 1];
        pthread_barrier_wait(&b1);
        cells[id] = left + 1; // expect: data-race 'cells[id]'; false-sharing 'cells[id]'
    }
    return NULL;
}

static void *same_half(void *arg)
{
    intptr_t id = (intptr_t)arg;
    for (int r = 0; r < ROUNDS; r++) {
        if (id == 0)
            total = 0; // expect: data-race 'total'
        pthread_mutex_lock(&m);
        total += id;
        pthread_mutex_unlock(&m);
        pthread_barrier_wait(&b2);
        pthread_barrier_wait(&b2);
    }
    return NULL;
}

static void *drifting(void *arg)
{
    intptr_t id = (intptr_t)arg;
    for (int r = 0; r < ROUNDS; r++) {
        if (id == 0)
            drift = r; // expect: data-race 'drift'
        pthread_barrier_wait(&b3);
        if (r % 2)
            pthread_barrier_wait(&b3);
        long d = drift;
        (void)d;
        pthread_barrier_wait(&b3);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[T], u[T], v[T];
    pthread_barrier_init(&b1, NULL, T);
    pthread_barrier_init(&b2, NULL, T);
    pthread_barrier_init(&b3, NULL, T);
    for (intptr_t i = 0; i < T; i++) {
        pthread_create(&t[i], NULL, once_per_round, (void *)i);
        pthread_create(&u[i], NULL, same_half, (void *)i);
        pthread_create(&v[i], NULL, drifting, (void *)i);
    }
    for (int i = 0; i < T; i++) {
        pthread_join(t[i], NULL);
        pthread_join(u[i], NULL);
        pthread_join(v[i], NULL);
    }
    return (int)(cells[0] + total + drift);
}
