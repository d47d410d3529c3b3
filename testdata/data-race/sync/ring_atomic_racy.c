/*
 * ring_atomic_racy.c - rings of atomic cursors that do not hand their
 * slots over:
 *
 * - `slots`: the producer publishes head + 1 before it writes the slot -
 *   the consumer may read it first;
 * - `cells`: the producer's head store is relaxed - it releases nothing;
 * - `jobs`: two producer threads share one ring and one head: both may
 *   fill the same slot, and both step head from one value (a lost update).
 *
 * TRUTH: races on `slots`, `cells` and `jobs`; an atomicity violation on
 * `j_head`.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#define N 16

static long slots[N];
static atomic_size_t head, tail;
static int cells[N];
static atomic_size_t c_head, c_tail;
static long jobs[N];
static atomic_size_t j_head, j_tail;

static void put(long v) {
    size_t h = atomic_load_explicit(&head, memory_order_relaxed);
    while (h - atomic_load_explicit(&tail, memory_order_acquire) == N)
        sched_yield();
    atomic_store_explicit(&head, h + 1, memory_order_release);
    slots[h % N] = v; // expect: data-race 'slots'
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
    size_t h = atomic_load_explicit(&c_head, memory_order_relaxed);
    while (h - atomic_load_explicit(&c_tail, memory_order_acquire) == N)
        sched_yield();
    cells[h % N] = v; // expect: data-race 'cells'
    atomic_store_explicit(&c_head, h + 1, memory_order_relaxed);
}

static int pop(void) {
    size_t t = atomic_load_explicit(&c_tail, memory_order_relaxed);
    while (atomic_load_explicit(&c_head, memory_order_acquire) == t)
        sched_yield();
    int v = cells[t % N];
    atomic_store_explicit(&c_tail, t + 1, memory_order_release);
    return v;
}

static void submit(long v) {
    size_t h = atomic_load_explicit(&j_head, memory_order_relaxed); // expect: atomicity-violation 'j_head'
    while (h - atomic_load_explicit(&j_tail, memory_order_acquire) == N)
        sched_yield();
    jobs[h % N] = v; // expect: data-race 'jobs'
    atomic_store_explicit(&j_head, h + 1, memory_order_release);
}

static long take(void) {
    size_t t = atomic_load_explicit(&j_tail, memory_order_relaxed);
    while (atomic_load_explicit(&j_head, memory_order_acquire) == t)
        sched_yield();
    long v = jobs[t % N];
    atomic_store_explicit(&j_tail, t + 1, memory_order_release);
    return v;
}

static void *producer(void *arg) {
    (void)arg;
    for (long i = 1; i <= 100; i++) {
        put(i);
        push((int)i);
    }
    return NULL;
}

static void *submitter(void *arg) {
    for (long i = 1; i <= 100; i++) submit(i + (long)arg);
    return NULL;
}

static void *consumer(void *arg) {
    long sum = 0;
    (void)arg;
    for (int i = 0; i < 100; i++) sum += get() + pop() + take() + take();
    return (void *)sum;
}

int main(void) {
    pthread_t p, s1, s2, c;
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&s1, NULL, submitter, (void *)1);
    pthread_create(&s2, NULL, submitter, (void *)2);
    pthread_join(p, NULL);
    pthread_join(s1, NULL);
    pthread_join(s2, NULL);
    pthread_join(c, NULL);
    return 0;
}
