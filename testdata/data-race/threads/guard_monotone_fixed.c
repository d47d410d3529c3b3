/*
 * guard_monotone_fixed.c - shared objects made once before the threads
 * start, and made again only where a test finds them missing (redis's
 * createSharedObjects(), run by initServer() and again by the RDB checker
 * behind `if (shared.integers[0] == NULL)`). No store ever makes the tested
 * location 0 again (a monotone guard), and main set it before it started
 * the workers: wherever main finds it 0, no worker has been started, so
 * the second set-up's writes run alone.
 *
 *  - `shared.ints[0]`: set by a fill loop (`for (j = 0; j < N; j++)
 *    shared.ints[j] = malloc(..)`), whose every round stores, leaving it
 *    only through its test: element 0 is set when it ends;
 *  - `table.rows` (a field, no index): set by a plain store of an
 *    allocation, in a helper called on every path;
 *  - `names[2]`: set by a store of that very element, of an address;
 *  - `slots[1]`: a fill loop in main itself, from 1 (`for (j = 1; j <=
 *    NSLOTS; j++) slots[j] = fallback`), element 1 set when it ends.
 *
 * TRUTH: no race. Without monotone guards the second set-up's writes
 * race with the workers' reads.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// expect-no-findings

#define NINTS 64

struct shared_objs {
    char *ok;
    char *ints[NINTS];
} shared;

struct table {
    int *rows;
    long nrows;
} table;

static const char *names[4];
#define NSLOTS 4
static const char *slots[NSLOTS + 1];
static int nslots;
static const char fallback[] = "none";

static void create_shared(void)
{
    shared.ok = malloc(4);
    for (int j = 0; j < NINTS; j++)
        shared.ints[j] = malloc(8);
}

static void table_init(long n)
{
    table.rows = calloc((size_t)n, sizeof(int));
    table.nrows = n;
}

static void names_init(void)
{
    names[0] = "zero";
    names[2] = fallback;
}

static void *worker(void *arg)
{
    (void)arg;
    puts(shared.ok);
    puts(shared.ints[3]);
    printf("%ld %d %s %d\n", table.nrows, table.rows[0], names[0], nslots);
    return NULL;
}

/* a mode entered from an error path while the workers run: it sets up
 * only what is missing */
static void check_mode(void)
{
    if (shared.ints[0] == NULL)
        create_shared();
    if (!table.rows)
        table_init(16);
    if (names[2] == NULL)
        names_init();
    if (!slots[1])
        nslots = 0;
}

int main(int argc, char **argv)
{
    pthread_t t[2];

    (void)argv;
    create_shared();
    table_init(8);
    names_init();
    for (int j = 1; j <= NSLOTS; j++)
        slots[j] = fallback;
    nslots = NSLOTS;
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    if (argc > 1)
        check_mode();
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
