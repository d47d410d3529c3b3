/*
 * const_index_fixed.c - two threads of different routines, each updating
 * its own element of a shared array, named by a constant index (an enum
 * constant, a literal, a row of a two-dimensional array, an element of an
 * array member of a global struct). main reads them after the joins.
 *
 * TRUTH: no race. Every element has one writer; `counts[PRODUCED]` and
 * `counts[CONSUMED]` are different objects (C11 3.14: distinct memory
 * locations), whatever racecheck's one-location-per-array naming says
 * (rule const-slices: constant ranges [0, 1) and [1, 2) do not meet).
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>

enum { PRODUCED, CONSUMED, NCOUNTS };

/* each element in a cache line of its own: no false sharing either */
static struct {
    _Alignas(64) long n;
} counts[NCOUNTS];
static int grid[2][16];
static struct {
    int hits[2];
} stats;

static void *producer(void *arg) {
    (void)arg;
    for (int i = 0; i < 1000; i++)
        counts[PRODUCED].n++;
    for (int i = 0; i < 16; i++) /* one pass: no hot loop, no false sharing */
        grid[0][i] = i;
    stats.hits[0] = 1;
    return NULL;
}

static void *consumer(void *arg) {
    (void)arg;
    for (int i = 0; i < 1000; i++)
        counts[CONSUMED].n++;
    for (int i = 0; i < 16; i++)
        grid[1][i] = -i;
    stats.hits[1] = 1;
    return NULL;
}

int main(void) {
    pthread_t p, c;
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("%ld %ld %d %d %d\n", counts[PRODUCED].n, counts[CONSUMED].n, grid[0][1], grid[1][1], stats.hits[0] + stats.hits[1]);
    return 0;
}
