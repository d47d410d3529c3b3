/*
 * const_index_racy.c - as const_index_fixed.c, but the threads meet:
 *
 * - the consumer also bumps `counts[PRODUCED]` (the same constant index);
 * - both write row 1 of `grid` (the same constant row, any column);
 * - the producer writes `slot[1]` through a pointer to the middle of the
 *   array (`p = &slot[1]; p[0] = ..`), the consumer `slot[1]` by name: a
 *   constant index of a pointer says nothing about the element it names;
 * - `stats.hits[0]` by both.
 *
 * TRUTH: races on `counts`, `grid`, `slot` and `hits`.
 */
#include <pthread.h>
#include <stdio.h>

enum { PRODUCED, CONSUMED, NCOUNTS };

static long counts[NCOUNTS];
static int grid[2][8];
static int slot[4];
static struct {
    int hits[2];
} stats;

static void *producer(void *arg) {
    (void)arg;
    int *p = &slot[1];
    for (int i = 0; i < 1000; i++) {
        counts[PRODUCED]++; // expect: data-race 'counts'
        grid[1][i % 8] += i; // expect: data-race 'grid'
    }
    p[0] = 7; // expect: data-race 'p[0]'
    stats.hits[0] = 1; // expect: data-race 'hits'
    return NULL;
}

static void *consumer(void *arg) {
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        counts[CONSUMED]++;
        counts[PRODUCED]--;
        grid[1][i % 8] -= i;
    }
    slot[1] = 3;
    stats.hits[0] = 2;
    return NULL;
}

int main(void) {
    pthread_t p, c;
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("%ld %d %d %d\n", counts[PRODUCED], grid[1][1], slot[1], stats.hits[0]);
    return 0;
}
