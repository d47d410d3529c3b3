/*
 * fs_fnptr_racy.c - a small job runner: the worker routine comes from a
 * table of function pointers, and each instance fills its own histogram
 * row of 8 ints (32 bytes: two rows to a line).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NWORKERS 4
#define NBUCKETS 8

static int hist[NWORKERS][NBUCKETS];
static unsigned char input[4096];

static void *histogram(void *arg) {
    long id = (long)(intptr_t)arg;
    for (int i = (int)id; i < 4096; i += NWORKERS)
        hist[id][input[i] % NBUCKETS]++; // expect: false-sharing 'hist[id]'
    return NULL;
}

static void *(*const jobs[])(void *) = {histogram};

int main(void) {
    pthread_t t[NWORKERS];
    for (int i = 0; i < 4096; i++) input[i] = (unsigned char)(i * 31);
    for (long i = 0; i < NWORKERS; i++) pthread_create(&t[i], NULL, jobs[0], (void *)(intptr_t)i);
    for (int i = 0; i < NWORKERS; i++) pthread_join(t[i], NULL);
    long total = 0;
    for (int i = 0; i < NWORKERS; i++)
        for (int b = 0; b < NBUCKETS; b++) total += hist[i][b];
    printf("%ld\n", total);
    return 0;
}
