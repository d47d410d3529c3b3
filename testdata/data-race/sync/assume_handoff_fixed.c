// expect-no-findings
/*
 * assume_handoff_fixed.c - the verification tools' assumptions as waits:
 * `__VERIFIER_assume(c)` (and `__CPROVER_assume`, clang's
 * `__builtin_assume`) lets a path go on only where c holds. The consumer
 * assumes the atomic flag `ready` is set before it reads the message: on
 * every path that reaches the read it has seen the producer's store, which
 * comes after the producer's writes. The checker assumes `started` before
 * it reads `config`, written by main before its atomic store.
 *
 * TRUTH: no race.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

extern void __VERIFIER_assume(int cond);
extern void __CPROVER_assume(_Bool cond);

static long message[4];
static atomic_int ready;
static int config;
static atomic_int started;

static void *producer(void *arg)
{
    for (int i = 0; i < 4; i++)
        message[i] = i * 10;
    atomic_store(&ready, 1);
    return arg;
}

static void *consumer(void *arg)
{
    __VERIFIER_assume(atomic_load(&ready) == 1);
    long sum = 0;
    for (int i = 0; i < 4; i++)
        sum += message[i];
    printf("%ld\n", sum);
    return arg;
}

static void *checker(void *arg)
{
    int s = atomic_load(&started);
    __CPROVER_assume(s != 0);
    printf("%d\n", config);
    return arg;
}

int main(void)
{
    pthread_t p, c, k;
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&k, NULL, checker, NULL);
    pthread_create(&p, NULL, producer, NULL);
    config = 3;
    atomic_store(&started, 1);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    pthread_join(k, NULL);
    return 0;
}
