// expect-no-findings
/*
 * spawner_phases_fixed.c - a program's own fork-join helper: run_parallel(fn)
 * starts N threads of fn, each with its index, and joins them all before it
 * returns. main runs three phases through it - fill the input, square it
 * into the output, sum each output slice - and each phase reads what the
 * phase before wrote. The phases are ordered by main's calls: a phase's
 * threads are all joined before the next call starts any. Each call site
 * is a spawn site of its own (a copy of run_parallel per call), so the
 * threads of one phase are not taken for those of another.
 *
 * TRUTH: no race. Within a phase each thread writes only its own slots.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4
#define PER 8

static long in[N * PER], out[N * PER], partial[N];

static void *fill(void *arg)
{
    long id = (long)(intptr_t)arg;
    for (long k = id * PER; k < (id + 1) * PER; k++)
        in[k] = id + k;
    return NULL;
}

static void *square(void *arg)
{
    long id = (long)(intptr_t)arg;
    for (long k = id * PER; k < (id + 1) * PER; k++)
        out[k] = in[k] * in[k];
    return NULL;
}

static void *sum(void *arg)
{
    long id = (long)(intptr_t)arg;
    long s = 0;
    for (int k = 0; k < N * PER; k++)
        s += out[k];
    partial[id] = s;
    return NULL;
}

static int run_parallel(void *(*fn)(void *))
{
    pthread_t t[N];
    int started = 0;
    for (long i = 0; i < N; i++) {
        if (pthread_create(&t[i], NULL, fn, (void *)(intptr_t)i) != 0)
            break;
        started++;
    }
    for (int i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    return started == N ? 0 : -1;
}

int main(void)
{
    if (run_parallel(fill) || run_parallel(square) || run_parallel(sum))
        return 1;
    long total = 0;
    for (int i = 0; i < N; i++)
        total += partial[i];
    printf("%ld\n", total);
    return 0;
}
