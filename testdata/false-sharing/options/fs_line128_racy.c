// racecheck-args: --config testdata/false-sharing/options/line128.json
/*
 * fs_line128_racy.c - the option line-size: each slot is padded to 64
 * bytes (quiet at the default, structs/fs_structs_fixed.c), but with
 * 128-byte lines (line128.json) two neighbours share one.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NWORKERS 8

struct slot {
    long hits;
    char pad[64 - sizeof(long)];
};

static struct slot slots[NWORKERS];

static void *worker(void *arg) {
    int id = (int)(intptr_t)arg;
    for (int i = 0; i < 100000; i++)
        slots[id].hits++; // expect: false-sharing 'slots[id].hits'
    return NULL;
}

int main(void) {
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < NWORKERS; i++) pthread_join(t[i], NULL);
    long h = 0;
    for (int i = 0; i < NWORKERS; i++) h += slots[i].hits;
    printf("%ld\n", h);
    return 0;
}
