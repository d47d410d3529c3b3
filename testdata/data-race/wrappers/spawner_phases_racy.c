/*
 * spawner_phases_racy.c - phases run through the program's own helpers
 * (spawner_phases_fixed.c joins each phase before the next), where the
 * phases do overlap:
 * - start_all(fn) starts N threads of fn and does not join them: the
 *   `shift` phase started by the second call runs beside the `fill`
 *   threads of the first;
 * - within one phase, every `count` thread adds to the one `total`.
 *
 * TRUTH: races on data[] (fill against shift) and total.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4

static long data[N], total;
static pthread_t pool[2][N];

static void *fill(void *arg)
{
    long id = (long)(intptr_t)arg;
    data[id] = id; // expect: data-race 'data[id]'
    return NULL;
}

static void *shift(void *arg)
{
    long id = (long)(intptr_t)arg;
    data[(id + 1) % N] += 1;
    return NULL;
}

static void *count(void *arg)
{
    (void)arg;
    total++; // expect: data-race 'total'
    return NULL;
}

static void start_all(int set, void *(*fn)(void *))
{
    for (long i = 0; i < N; i++)
        pthread_create(&pool[set][i], NULL, fn, (void *)(intptr_t)i);
}

static void run_parallel(void *(*fn)(void *))
{
    pthread_t t[N];
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, fn, (void *)(intptr_t)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
}

int main(void)
{
    start_all(0, fill);
    start_all(1, shift);
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < N; i++)
            pthread_join(pool[s][i], NULL);
    run_parallel(count);
    run_parallel(fill);
    printf("%ld %ld\n", total, data[0]);
    return 0;
}
