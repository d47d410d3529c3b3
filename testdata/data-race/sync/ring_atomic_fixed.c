/*
 * ring_atomic_fixed.c - a single-producer single-consumer ring of atomic
 * cursors (Lamport's queue): the producer waits (acquire) until the
 * consumer's tail leaves room, writes slot `head % N`, then publishes
 * head + 1 with a release store; the consumer waits (acquire) until head
 * passes its tail, reads slot `tail % N`, then releases tail + 1. A second
 * ring uses a mask (`& (N - 1)`) and the cursors wrap (`(h + 1) & MASK`).
 *
 * TRUTH: no data race - each slot's write happens before the read that
 * the release/acquire pair on head publishes it to, and each read before
 * the write that reuses the slot (release/acquire on tail).
 */
// expect-no-findings
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

#define N 16
#define MASK (N - 1)

static long slots[N];
static atomic_size_t head, tail;

static int cells[N];
static atomic_uint in_at, out_at;

static void put(long v) {
    size_t h = atomic_load_explicit(&head, memory_order_relaxed);
    while (h - atomic_load_explicit(&tail, memory_order_acquire) == N)
        sched_yield();
    slots[h % N] = v;
    atomic_store_explicit(&head, h + 1, memory_order_release);
}

static long get(void) {
    size_t t = atomic_load_explicit(&tail, memory_order_relaxed);
    while (atomic_load_explicit(&head, memory_order_acquire) == t)
        sched_yield();
    long v = slots[t % N];
    atomic_store_explicit(&tail, t + 1, memory_order_release);
    return v;
}

static void push(int v) {
    unsigned i = atomic_load_explicit(&in_at, memory_order_relaxed);
    while (((i + 1) & MASK) == atomic_load_explicit(&out_at, memory_order_acquire))
        sched_yield();
    cells[i & MASK] = v;
    atomic_store_explicit(&in_at, (i + 1) & MASK, memory_order_release);
}

static int pop(void) {
    unsigned o = atomic_load_explicit(&out_at, memory_order_relaxed);
    while (atomic_load_explicit(&in_at, memory_order_acquire) == o)
        sched_yield();
    int v = cells[o & MASK];
    atomic_store_explicit(&out_at, (o + 1) & MASK, memory_order_release);
    return v;
}

static void *producer(void *arg) {
    (void)arg;
    for (long i = 1; i <= 1000; i++) {
        put(i);
        push((int)i);
    }
    put(0);
    push(0);
    return NULL;
}

static void *consumer(void *arg) {
    long sum = 0, v;
    (void)arg;
    while ((v = get()) != 0) sum += v + pop();
    pop();
    return (void *)sum;
}

int main(void) {
    pthread_t p, c;
    void *sum;
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, &sum);
    printf("%ld\n", (long)sum);
    return 0;
}
