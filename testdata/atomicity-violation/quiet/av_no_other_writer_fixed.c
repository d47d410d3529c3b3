// expect-no-findings
/*
 * av_no_other_writer_fixed.c - read, then write back, where no update can
 * be lost: a single writer thread publishing a counter others only read
 * (load then store is the usual single-writer idiom); single-threaded
 * code before the threads start and after they are joined; thread-local
 * counters; per-thread slots indexed by each thread's own id; a read and a
 * write in one critical section through a helper.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

enum { N = 4 };

static atomic_long ticks;
static long config_generation;
static _Thread_local long local_calls;
static long per_thread[N];
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long total;

static long read_total(void) {
    return total;
}

static void *clock_thread(void *arg) {
    (void)arg;
    for (int i = 0; i < 100; i++) {
        long t = atomic_load(&ticks);
        atomic_store(&ticks, t + 1);
    }
    return NULL;
}

static void *reader(void *arg) {
    long id = (long)arg;
    long seen = atomic_load(&ticks);
    long calls = local_calls;
    local_calls = calls + 1;
    long mine = per_thread[id];
    per_thread[id] = mine + seen;
    pthread_mutex_lock(&m);
    long t = read_total();
    total = t + mine;
    pthread_mutex_unlock(&m);
    return NULL;
}

int main(void) {
    long g = config_generation;
    config_generation = g + 1;
    pthread_t c, r[N];
    pthread_create(&c, NULL, clock_thread, NULL);
    for (long i = 0; i < N; i++) pthread_create(&r[i], NULL, reader, (void *)i);
    pthread_join(c, NULL);
    for (int i = 0; i < N; i++) pthread_join(r[i], NULL);
    long after = config_generation;
    config_generation = after + 1;
    printf("%ld %ld %ld\n", atomic_load(&ticks), total, config_generation);
    return 0;
}
