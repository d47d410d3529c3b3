/*
 * fs_structs_racy.c - an array of small per-thread statistics: each worker
 * counts hits and misses in its own stats[id], 16 bytes, four to a line.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NWORKERS 8

struct stats {
    long hits;
    long misses;
};

static struct stats stats[NWORKERS];
static int table[1024];

static void *worker(void *arg) {
    int id = (int)(intptr_t)arg;
    for (int i = 0; i < 1024; i++) {
        if (table[i] % NWORKERS == id)
            stats[id].hits++; // expect: false-sharing 'stats[id].hits'
        else
            stats[id].misses++; // expect: false-sharing 'stats[id].misses'
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
