/*
 * fs_heap_racy.c - a heap-allocated array of per-thread slots, written in
 * each worker's request loop: 24-byte slots, several to a line.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NWORKERS 4

struct slot {
    long requests;
    long bytes;
    int last;
};

static struct slot *slots;

static void *worker(void *arg) {
    int id = (int)(intptr_t)arg;
    for (int r = 0; r < 100000; r++) {
        slots[id].requests++; // expect: false-sharing 'slots[id].requests'
        slots[id].bytes += r & 511; // expect: false-sharing 'slots[id].bytes'
    }
    return NULL;
}

int main(void) {
    slots = calloc(NWORKERS, sizeof *slots);
    if (!slots) return 1;
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < NWORKERS; i++) pthread_join(t[i], NULL);
    printf("%ld\n", slots[0].requests);
    free(slots);
    return 0;
}
