/*
 * fs_args_fixed.c - fs_args_racy.c with the sum accumulated in a local and
 * stored once, after the loop.
 */
// expect-no-findings
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
    long sum = 0;
    for (int i = w->first; i < w->first + w->count; i++)
        sum += i;
    w->sum = sum;
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
