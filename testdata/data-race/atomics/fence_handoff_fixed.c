/*
 * fence_handoff_fixed.c - a flag hand-off whose orders come from fences: the
 * producer writes the data, issues a release fence and stores the flag
 * relaxed; the consumer spins on a relaxed load of the flag and issues an
 * acquire fence before it reads the data.
 *
 * TRUTH: no race: the release fence before the store and the acquire fence
 * after the load that reads it synchronise (C11 7.17.4).
 *
 * Known false alarm: fences are not modelled; the relaxed store and load
 * order nothing by themselves.
 */
#include <pthread.h>
#include <stdatomic.h>
static int data;
static atomic_int flag;
static void *producer(void *a)
{
    data = 1; // known-false-alarm: data-race 'data'
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    return a;
}
static void *consumer(void *a)
{
    while (!atomic_load_explicit(&flag, memory_order_relaxed)) ;
    atomic_thread_fence(memory_order_acquire);
    return (void *)(long)(data + (a != 0));
}
int main(void)
{
    pthread_t p, c;
    pthread_create(&c, 0, consumer, 0);
    pthread_create(&p, 0, producer, 0);
    pthread_join(p, 0); pthread_join(c, 0);
    return 0;
}
