/*
 * fs_single_fixed.c - only one thread writes the array in a loop (the
 * other thread only reads it, once, after the join): nothing bounces.
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>

enum { PRODUCED, CONSUMED, NCOUNTS };

static unsigned long counts[NCOUNTS];

static void *producer(void *arg) {
    (void)arg;
    for (int i = 0; i < 256; i++) counts[PRODUCED]++;
    for (int i = 0; i < 256; i++) counts[CONSUMED]++;
    return NULL;
}

int main(void) {
    pthread_t p;
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(p, NULL);
    printf("%lu %lu\n", counts[PRODUCED], counts[CONSUMED]);
    return 0;
}
