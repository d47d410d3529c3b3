/*
 * lo_callers_const_racy.c - a lock array whose two elements are chosen by
 * the function's parameters (`move(src, dst)` locks part_lock[src], then
 * part_lock[dst]): the order is the callers'. One thread moves from part 1
 * to part 2, another from 2 to 1: each may hold its first lock and wait
 * for the other's.
 *
 * TRUTH: a lock-order cycle (deadlock) at the inner acquisition.
 */
#include <pthread.h>

#define NP 4

static pthread_mutex_t part_lock[NP] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
                                        PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};
static long part_size[NP] = {5, 5, 5, 5};

static void move(int src, int dst) {
    pthread_mutex_lock(&part_lock[src]);
    pthread_mutex_lock(&part_lock[dst]); // expect: lock-order 'part_lock'
    if (part_size[src] > 0) {
        part_size[src]--;
        part_size[dst]++;
    }
    pthread_mutex_unlock(&part_lock[dst]);
    pthread_mutex_unlock(&part_lock[src]);
}

static void *split(void *arg) {
    (void)arg;
    for (int i = 0; i < 50; i++) move(1, 2);
    return NULL;
}

static void *merge(void *arg) {
    (void)arg;
    for (int i = 0; i < 50; i++) move(2, 1);
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
