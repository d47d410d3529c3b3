/*
 * fs_args_sweep_racy.c - fs_args_sweep_fixed.c where each worker, inside
 * an outer loop of rounds, sweeps its group's slots again and again: the
 * group's last slot and the next group's first are written in a hot loop
 * by two threads, and may lie in one cache line.
 */
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 4
#define SLOTS 3
#define ROUNDS 100000

struct slot { int seed; long out; };
struct group { int base; struct slot slot[SLOTS]; };

static struct group groups[NWORKERS];

static void *worker(void *arg) {
    struct group *g = arg;
    for (int r = 0; r < ROUNDS; r++)
        for (int k = 0; k < SLOTS; k++)
            g->slot[k].seed += r; // expect: false-sharing 'g->slot[k].seed'
    return NULL;
}

int main(void) {
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) {
        groups[i].base = 10 * i;
        pthread_create(&t[i], NULL, worker, &groups[i]);
    }
    for (int i = 0; i < NWORKERS; i++) pthread_join(t[i], NULL);
    long total = 0;
    for (int i = 0; i < NWORKERS; i++) total += groups[i].slot[0].seed;
    printf("%ld\n", total);
    return 0;
}
