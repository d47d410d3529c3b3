/*
 * fs_heap_fixed.c - fs_heap_racy.c with the slot's first member
 * _Alignas(64): the struct is aligned to the line and padded to 64 bytes
 * (the heap array must then be allocated aligned: aligned_alloc).
 */
// expect-no-findings
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NWORKERS 4

struct slot {
    _Alignas(64) long requests;
    long bytes;
    int last;
};

static struct slot *slots;

static void *worker(void *arg) {
    int id = (int)(intptr_t)arg;
    for (int r = 0; r < 100000; r++) {
        slots[id].requests++;
        slots[id].bytes += r & 511;
    }
    return NULL;
}

int main(void) {
    slots = aligned_alloc(64, NWORKERS * sizeof *slots);
    if (!slots) return 1;
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < NWORKERS; i++) pthread_join(t[i], NULL);
    printf("%ld\n", slots[0].requests);
    free(slots);
    return 0;
}
