/*
 * fence_handoff_fixed.c - flag hand-offs whose orders come from fences:
 *   - the producer writes the data, issues a release fence and stores the
 *     flag relaxed; the consumer spins on a relaxed load of the flag and
 *     issues an acquire fence before it reads the data;
 *   - the same with GCC's builtins (a sequentially consistent
 *     __atomic_thread_fence, and __sync_synchronize, a full barrier), the
 *     reader testing the flag once and reading the data only when it was
 *     set (`if (load) { fence; read }`);
 *   - a reader that gives up early (`if (!load) return; fence; read`).
 *
 * TRUTH: no race: a release fence sequenced before a store and an acquire
 * fence sequenced after a load that reads it synchronise (C11 7.17.4); the
 * paths on which the reader saw no flag read no data.
 */
// expect-no-findings
#include <pthread.h>
#include <stdatomic.h>
static int data;
static atomic_int flag;
static long stats[4];
static int ready;
static char name[16];
static int named;

static void *producer(void *a)
{
    data = 1;
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    return a;
}

static void *consumer(void *a)
{
    while (!atomic_load_explicit(&flag, memory_order_relaxed))
        ;
    atomic_thread_fence(memory_order_acquire);
    return (void *)(long)(data + (a != 0));
}

static void *stats_writer(void *a)
{
    for (int i = 0; i < 4; i++) stats[i] = i * 10;
    __sync_synchronize();
    __atomic_store_n(&ready, 1, __ATOMIC_RELAXED);
    return a;
}

static void *stats_reader(void *a)
{
    long sum = 0;
    if (__atomic_load_n(&ready, __ATOMIC_RELAXED)) {
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        for (int i = 0; i < 4; i++) sum += stats[i];
    }
    return (void *)(sum + (a != 0));
}

static void *namer(void *a)
{
    name[0] = 'x';
    name[1] = 0;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    __atomic_store_n(&named, 1, __ATOMIC_RELAXED);
    return a;
}

static void *name_reader(void *a)
{
    if (!__atomic_load_n(&named, __ATOMIC_RELAXED)) return a;
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    return (void *)(long)name[0];
}

int main(void)
{
    pthread_t t[6];
    pthread_create(&t[0], 0, consumer, 0);
    pthread_create(&t[1], 0, producer, 0);
    pthread_create(&t[2], 0, stats_reader, 0);
    pthread_create(&t[3], 0, stats_writer, 0);
    pthread_create(&t[4], 0, name_reader, 0);
    pthread_create(&t[5], 0, namer, 0);
    for (int i = 0; i < 6; i++) pthread_join(t[i], 0);
    return 0;
}
