/*
 * fence_handoff_racy.c - fences in the wrong place, or missing on one side:
 *   - the producer's release fence comes after its store of the flag: the
 *     data written before it is not released by that store;
 *   - the reader spins on a relaxed load and reads with no acquire fence
 *     (the writer's fence releases, nobody acquires);
 *   - the release fence is issued on one path only (`if (fast)`);
 *   - the reader's acquire fence comes after its read of the data;
 *   - the writer writes one datum before its release fence and another
 *     between the fence and the store.
 *
 * TRUTH: each pair races (C11 7.17.4: a fence synchronises only through an
 * atomic it is sequenced before - release - or after - acquire), but for
 * mid_before, written before the fence: released, no race. racecheck
 * orders at the atomic, so a write between the fence and the store leaves
 * the store relaxed, and mid_before is a known false alarm (fences.c).
 */
#include <pthread.h>
#include <stdatomic.h>
static int late_data;
static atomic_int late_flag;
static int plain_data;
static atomic_int plain_flag;
static int half_data;
static atomic_int half_flag;
static int early_data;
static atomic_int early_flag;
static int fast;
static int mid_before, mid_after;
static atomic_int mid_flag;

static void *late_producer(void *a)
{
    late_data = 1; // expect: data-race 'late_data'
    atomic_store_explicit(&late_flag, 1, memory_order_relaxed);
    atomic_thread_fence(memory_order_release);
    return a;
}

static void *late_consumer(void *a)
{
    while (!atomic_load_explicit(&late_flag, memory_order_relaxed))
        ;
    atomic_thread_fence(memory_order_acquire);
    return (void *)(long)late_data;
}

static void *plain_producer(void *a)
{
    plain_data = 1; // expect: data-race 'plain_data'
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&plain_flag, 1, memory_order_relaxed);
    return a;
}

static void *plain_consumer(void *a)
{
    while (!atomic_load_explicit(&plain_flag, memory_order_relaxed))
        ;
    return (void *)(long)plain_data;
}

static void *half_producer(void *a)
{
    half_data = 1; // expect: data-race 'half_data'
    if (fast) atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&half_flag, 1, memory_order_relaxed);
    return a;
}

static void *half_consumer(void *a)
{
    while (!atomic_load_explicit(&half_flag, memory_order_relaxed))
        ;
    atomic_thread_fence(memory_order_acquire);
    return (void *)(long)half_data;
}

static void *early_producer(void *a)
{
    early_data = 1; // expect: data-race 'early_data'
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&early_flag, 1, memory_order_relaxed);
    return a;
}

static void *early_consumer(void *a)
{
    int v = 0;
    if (atomic_load_explicit(&early_flag, memory_order_relaxed)) {
        v = early_data;
        atomic_thread_fence(memory_order_acquire);
    }
    return (void *)(long)v;
}

static void *mid_producer(void *a)
{
    mid_before = 1; // known-false-alarm: data-race 'mid_before'
    atomic_thread_fence(memory_order_release);
    mid_after = 2; // expect: data-race 'mid_after'
    atomic_store_explicit(&mid_flag, 1, memory_order_relaxed);
    return a;
}

static void *mid_consumer(void *a)
{
    while (!atomic_load_explicit(&mid_flag, memory_order_relaxed))
        ;
    atomic_thread_fence(memory_order_acquire);
    return (void *)(long)(mid_before + mid_after + (a != 0));
}

int main(int argc, char **argv)
{
    (void)argv;
    fast = argc > 1;
    pthread_t t[10];
    pthread_create(&t[0], 0, late_consumer, 0);
    pthread_create(&t[1], 0, late_producer, 0);
    pthread_create(&t[2], 0, plain_consumer, 0);
    pthread_create(&t[3], 0, plain_producer, 0);
    pthread_create(&t[4], 0, half_consumer, 0);
    pthread_create(&t[5], 0, half_producer, 0);
    pthread_create(&t[6], 0, early_consumer, 0);
    pthread_create(&t[7], 0, early_producer, 0);
    pthread_create(&t[8], 0, mid_consumer, 0);
    pthread_create(&t[9], 0, mid_producer, 0);
    for (int i = 0; i < 10; i++) pthread_join(t[i], 0);
    return 0;
}
