// expect-no-findings
/*
 * turn_atomic_fixed.c - strict alternation on atomic turn words: each
 * thread spins until the word holds its own value (an acquire or
 * sequentially consistent load), works on the shared data, and hands the
 * turn on with a release store. The turns exclude each other and the
 * atomics order the data:
 *   - C11 atomic_load / atomic_store on `turn` (main 0, the worker 1);
 *   - an _Atomic int read and assigned plainly (`while (flag != 2)`);
 *   - GCC's __atomic_load_n(__ATOMIC_ACQUIRE) / __atomic_store_n(__ATOMIC_RELEASE).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_int turn;
static _Atomic int flag = 1;
static int step;
static long data, other, third;

static void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 100; i++) {
        while (atomic_load(&turn) != 1) ;
        data = data * 2 + 1;
        atomic_store(&turn, 0);
    }
    for (int i = 0; i < 100; i++) {
        while (flag != 2) ;
        other += 3;
        flag = 1;
    }
    for (int i = 0; i < 100; i++) {
        while (__atomic_load_n(&step, __ATOMIC_ACQUIRE) != 1) ;
        third -= 1;
        __atomic_store_n(&step, 0, __ATOMIC_RELEASE);
    }
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    for (int i = 0; i < 100; i++) {
        while (atomic_load(&turn) != 0) ;
        data = data * 2;
        atomic_store(&turn, 1);
    }
    for (int i = 0; i < 100; i++) {
        while (flag != 1) ;
        other *= 2;
        flag = 2;
    }
    for (int i = 0; i < 100; i++) {
        while (__atomic_load_n(&step, __ATOMIC_ACQUIRE) != 0) ;
        third += 2;
        __atomic_store_n(&step, 1, __ATOMIC_RELEASE);
    }
    pthread_join(t, NULL);
    printf("%ld %ld %ld\n", data, other, third);
    return 0;
}
