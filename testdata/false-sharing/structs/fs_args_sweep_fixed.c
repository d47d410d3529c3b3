/*
 * fs_args_sweep_fixed.c - each worker gets its own group (`&groups[i]`)
 * and, in one loop, sets every slot of the group's small array once
 * (`g->slot[k].seed = ..` in `for (k ..)`): a sweep of its own element,
 * not a hot loop on one slot. The neighbouring group's slots may share a
 * cache line with this one's last, but each is written once.
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 4
#define SLOTS 3

struct slot { int seed; long out; };
struct group { int base; struct slot slot[SLOTS]; };

static struct group groups[NWORKERS];

static void *worker(void *arg) {
    struct group *g = arg;
    for (int k = 0; k < SLOTS; k++)
        g->slot[k].seed = g->base + k;
    long s = 0;
    for (int k = 0; k < SLOTS; k++)
        s += g->slot[k].seed;
    g->slot[0].out = s;
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
    for (int i = 0; i < NWORKERS; i++) total += groups[i].slot[0].out;
    printf("%ld\n", total);
    return 0;
}
