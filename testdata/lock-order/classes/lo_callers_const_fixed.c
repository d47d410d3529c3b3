/*
 * lo_callers_const_fixed.c - the lock array of lo_callers_const_racy.c,
 * whose callers all move from a lower part to a higher one (1 -> 2, 2 -> 3,
 * 1 -> 3): every thread takes two elements in one order.
 *
 * TRUTH: no lock-order cycle (and no race: each count under its lock).
 */
// expect-no-findings
#include <pthread.h>

#define NP 4

static pthread_mutex_t part_lock[NP] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
                                        PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};
static long part_size[NP] = {5, 5, 5, 5};

static void move(int src, int dst) {
    pthread_mutex_lock(&part_lock[src]);
    pthread_mutex_lock(&part_lock[dst]);
    if (part_size[src] > 0) {
        part_size[src]--;
        part_size[dst]++;
    }
    pthread_mutex_unlock(&part_lock[dst]);
    pthread_mutex_unlock(&part_lock[src]);
}

static void *split(void *arg) {
    (void)arg;
    for (int i = 0; i < 50; i++) {
        move(1, 2);
        move(2, 3);
    }
    return NULL;
}

static void *merge(void *arg) {
    (void)arg;
    for (int i = 0; i < 50; i++) move(1, 3);
    return NULL;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, split, NULL);
    pthread_create(&b, NULL, merge, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)part_size[1];
}
