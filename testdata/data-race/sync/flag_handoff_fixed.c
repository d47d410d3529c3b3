// expect-no-findings
/*
 * flag_handoff_fixed.c - data handed over through a flag set once with an
 * atomic store and waited for by spinning on an atomic load: the setting
 * thread's writes before the store happen before the waiting thread's
 * reads after its loop. Three shapes: a producer publishing a message to a
 * consumer (C11 atomics), main waiting for a worker's `done` flag before
 * reading its result (and only then joining), and GCC's __atomic builtins
 * with release/acquire orders through a copy of the loaded value.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static long message[4];
static atomic_int ready;
static long result;
static atomic_int done;
static int config;
static int go;

static void *producer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 4; i++) message[i] = i * 10;
    atomic_store(&ready, 1);
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    while (!atomic_load(&ready)) ;
    long sum = 0;
    for (int i = 0; i < 4; i++) sum += message[i];
    printf("%ld\n", sum);
    return NULL;
}

static void *worker(void *arg)
{
    (void)arg;
    result = 6 * 7;
    atomic_store(&done, 1);
    return NULL;
}

static void *configured(void *arg)
{
    (void)arg;
    int seen;
    do {
        seen = __atomic_load_n(&go, __ATOMIC_ACQUIRE);
    } while (seen == 0);
    printf("%d\n", config);
    return NULL;
}

int main(void)
{
    pthread_t p, c, w, g;
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&w, NULL, worker, NULL);
    pthread_create(&g, NULL, configured, NULL);
    config = 3;
    __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
    while (atomic_load(&done) == 0) ;
    printf("%ld\n", result);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    pthread_join(w, NULL);
    pthread_join(g, NULL);
    return 0;
}
