// expect-no-findings
/*
 * barrier_loop_fixed.c - workers that go through rounds of a loop,
 * separated by barriers, many rounds (more than racecheck counts exactly):
 * - a Jacobi sweep: each worker computes its slice of next[] from cur[]
 *   (reading its neighbours' cells), waits, copies its slice back into
 *   cur[], waits: two waits per round keep the reads of cur[] and the
 *   writes of it apart;
 * - a reduction in three steps per round: each worker stores its partial
 *   sum, waits; worker 0 adds them up into `sum`, waits; every worker reads
 *   `sum`, waits.
 *
 * TRUTH: no race: the conflicting accesses are always separated by a wait
 * at the same barrier, which every worker passes the same number of times.
 */
#include <pthread.h>
#include <stdint.h>

#define T 4
#define N 64
#define C (N / T)
#define ROUNDS 100

static double cur[N + 2], next[N + 2];
static pthread_barrier_t sweep;

static void *jacobi(void *arg)
{
    intptr_t id = (intptr_t)arg;
    int lo = id * C + 1, hi = lo + C;
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = lo; i < hi; i++)
            next[i] = (cur[i - 1] + cur[i + 1]) / 2;
        pthread_barrier_wait(&sweep);
        for (int i = lo; i < hi; i++)
            cur[i] = next[i];
        pthread_barrier_wait(&sweep);
    }
    return NULL;
}

struct slot {
    long v;
    char pad[56];
};

static struct slot partial[T];
static long sum;
static struct slot seen[T];
static pthread_barrier_t steps;

static void *reduce(void *arg)
{
    intptr_t id = (intptr_t)arg;
    for (int r = 0; r < ROUNDS; r++) {
        partial[id].v = id + r;
        pthread_barrier_wait(&steps);
        if (id == 0) {
            long s = 0;
            for (int k = 0; k < T; k++)
                s += partial[k].v;
            sum = s;
        }
        pthread_barrier_wait(&steps);
        seen[id].v += sum;
        pthread_barrier_wait(&steps);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[T], u[T];
    pthread_barrier_init(&sweep, NULL, T);
    pthread_barrier_init(&steps, NULL, T);
    for (intptr_t i = 0; i < T; i++) {
        pthread_create(&t[i], NULL, jacobi, (void *)i);
        pthread_create(&u[i], NULL, reduce, (void *)i);
    }
    for (int i = 0; i < T; i++) {
        pthread_join(t[i], NULL);
        pthread_join(u[i], NULL);
    }
    return (int)(cur[1] + sum + seen[0].v);
}
