/*
 * guard_monotone_racy.c - set-up code behind a test of a location that is
 * not a monotone guard, or whose test does not show the threads absent:
 * its second run may write while the workers read.
 *
 *  - `from_one.ints[0]`: the fill loop starts at 1, so element 0 is never
 *    set: the test finds it 0 while the workers run;
 *  - `odd.ints[0]`: the loop stores only in odd rounds;
 *  - `cache.entry`: main empties it (`cache.entry = NULL`) after the
 *    workers start, so it is no monotone guard;
 *  - `found.ptr`: set to what lookup() returns, which may be NULL.
 *
 * TRUTH: four races, one per object, between the second set-up's writes
 * and the workers' reads.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define N 8

struct objs {
    char *ints[N];
} from_one, odd;

struct cache {
    char *entry;
    long hits;
} cache;

struct found {
    char *ptr;
    long n;
} found;

static char *lookup(int key)
{
    return key > 3 ? malloc(4) : NULL;
}

static void fill_from_one(void)
{
    for (int j = 1; j < N; j++)
        from_one.ints[j] = malloc(8); // expect: data-race 'from_one.ints[j]'
}

static void fill_odd(void)
{
    for (int j = 0; j < N; j++)
        if (j % 2)
            odd.ints[j] = malloc(8); // expect: data-race 'odd.ints[j]'
}

static void cache_init(void)
{
    cache.entry = malloc(16);
    cache.hits = 0; // expect: data-race 'cache.hits'
}

static void found_init(int key)
{
    found.ptr = lookup(key);
    found.n = 1; // expect: data-race 'found.n'
}

static void *worker(void *arg)
{
    (void)arg;
    printf("%s %s %ld %ld\n", from_one.ints[1], odd.ints[1], cache.hits, found.n);
    return NULL;
}

static void check_mode(int key)
{
    if (from_one.ints[0] == NULL)
        fill_from_one();
    if (odd.ints[0] == NULL)
        fill_odd();
    if (!cache.entry)
        cache_init();
    if (!found.ptr)
        found_init(key);
}

int main(int argc, char **argv)
{
    pthread_t t[2];

    (void)argv;
    fill_from_one();
    fill_odd();
    cache_init();
    found_init(argc);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    if (argc > 2)
        cache.entry = NULL;
    if (argc > 1)
        check_mode(argc);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
