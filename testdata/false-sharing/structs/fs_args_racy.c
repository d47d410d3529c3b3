/*
 * fs_args_racy.c - the per-thread argument array: main hands each worker
 * &args[i], and the worker sums into its own args[i].sum in its loop. The
 * element (16 bytes) is known from the spawn argument; four share a line.
 */
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 4

struct work {
    int first, count;
    long sum;
};

static struct work args[NWORKERS];

static void *worker(void *arg) {
    struct work *w = arg;
    for (int i = w->first; i < w->first + w->count; i++)
        w->sum += i; // expect: false-sharing 'w->sum'
    return NULL;
}

int main(void) {
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) {
        args[i].first = i * 1000;
        args[i].count = 1000;
        pthread_create(&t[i], NULL, worker, &args[i]);
    }
    for (int i = 0; i < NWORKERS; i++) pthread_join(t[i], NULL);
    long total = 0;
    for (int i = 0; i < NWORKERS; i++) total += args[i].sum;
    printf("%ld\n", total);
    return 0;
}
