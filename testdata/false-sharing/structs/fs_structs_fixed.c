/*
 * fs_structs_fixed.c - fs_structs_racy.c with the element padded to a line:
 * a padding array makes each struct stats 64 bytes, so the hits of slot i
 * and slot i+1 are 64 bytes apart and never in one line (the array is
 * only 8-byte aligned: the line boundary may fall inside an element, but
 * then it separates the neighbours' counters all the same).
 */
// expect-no-findings
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NWORKERS 8

struct stats {
    long hits;
    long misses;
    char pad[64 - 2 * sizeof(long)];
};

static struct stats stats[NWORKERS];
static int table[1024];

static void *worker(void *arg) {
    int id = (int)(intptr_t)arg;
    for (int i = 0; i < 1024; i++) {
        if (table[i] % NWORKERS == id)
            stats[id].hits++;
        else
            stats[id].misses++;
    }
    return NULL;
}

int main(void) {
    pthread_t t[NWORKERS];
    for (int i = 0; i < 1024; i++) table[i] = i * 7;
    for (int i = 0; i < NWORKERS; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < NWORKERS; i++) pthread_join(t[i], NULL);
    long h = 0;
    for (int i = 0; i < NWORKERS; i++) h += stats[i].hits;
    printf("%ld\n", h);
    return 0;
}
