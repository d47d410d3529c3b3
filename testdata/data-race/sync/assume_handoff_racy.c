/*
 * assume_handoff_racy.c - as assume_handoff_fixed.c, but the assumptions
 * do not order the accesses: the producer writes the last element after
 * its store of `ready`, and the checker assumes `started` is still 0 (it
 * goes on only where main has not stored yet), so main's write of
 * `config` may come after its read. An assumption refines the path; it
 * orders nothing by itself.
 *
 * TRUTH: two races: message[] (the producer's late write against the
 * consumer's reads) and config (main's write against the checker's read).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

extern void __VERIFIER_assume(int cond);

static long message[4];
static atomic_int ready;
static int config;
static atomic_int started;

static void *producer(void *arg)
{
    for (int i = 0; i < 3; i++)
        message[i] = i * 10;
    atomic_store(&ready, 1);
    message[3] = 30; // expect: data-race 'message[3]'
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
    __VERIFIER_assume(atomic_load(&started) == 0);
    printf("%d\n", config);
    return arg;
}

int main(void)
{
    pthread_t p, c, k;
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&k, NULL, checker, NULL);
    pthread_create(&p, NULL, producer, NULL);
    config = 3; // expect: data-race 'config'
    atomic_store(&started, 1);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    pthread_join(k, NULL);
    return 0;
}
