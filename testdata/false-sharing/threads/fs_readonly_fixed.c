/*
 * fs_readonly_fixed.c - what stays quiet: instances read their own
 * neighbouring slots of a shared table in their loops (read-only sharing
 * moves no line), write their own slot once at the end, and bump a
 * shared total under a lock (not per-thread data).
 */
// expect-no-findings
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NWORKERS 4

static int limits[NWORKERS] = {10, 20, 30, 40};
static long results[NWORKERS];
static long total[2];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
    long id = (long)(intptr_t)arg;
    long sum = 0;
    for (int i = 0; i < limits[id]; i++) {
        sum += i;
        pthread_mutex_lock(&lock);
        total[0]++;
        pthread_mutex_unlock(&lock);
    }
    results[id] = sum;
    return NULL;
}

int main(void) {
    pthread_t t[NWORKERS];
    for (long i = 0; i < NWORKERS; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < NWORKERS; i++) pthread_join(t[i], NULL);
    printf("%ld %ld %ld\n", results[0], total[0], total[1]);
    return 0;
}
