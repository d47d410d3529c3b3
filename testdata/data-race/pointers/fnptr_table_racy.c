/*
 * fnptr_table_racy.c - as fnptr_table_fixed.c (one thread per entry of a
 * table of {name, routine} structs, started through the function-pointer
 * field), but the index stage adds to `processed` without the lock.
 *
 * TRUTH: a race on processed: index_stage's unlocked `+=` may run in
 * parallel with parse_stage's locked one. Both writes are involved; the
 * parse stage's comes first in the file (primary location). `parsed` and
 * `indexed` are each written by one thread only: no race on them.
 */
#include <pthread.h>
#include <stdio.h>

struct stage {
    const char *name;
    void *(*run)(void *);
};

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long processed;
static long parsed;
static long indexed;

static void *parse_stage(void *arg)
{
    (void)arg;
    for (int k = 0; k < 100; k++)
        parsed += k % 3; // known-false-alarm: data-race 'parsed'
    pthread_mutex_lock(&stats_lock);
    processed += 100; // expect: data-race 'processed'
    pthread_mutex_unlock(&stats_lock);
    return NULL;
}

static void *index_stage(void *arg)
{
    (void)arg;
    for (int k = 0; k < 50; k++)
        indexed += k % 5; // known-false-alarm: data-race 'indexed'
    processed += 50; /* BUG: the lock is missing */
    return NULL;
}

static const struct stage stages[] = {
    { "parse", parse_stage },
    { "index", index_stage },
};
#define NSTAGES (sizeof stages / sizeof stages[0])

int main(void)
{
    pthread_t t[NSTAGES];

    for (size_t i = 0; i < NSTAGES; i++)
        pthread_create(&t[i], NULL, stages[i].run, NULL);
    for (size_t i = 0; i < NSTAGES; i++)
        pthread_join(t[i], NULL);
    printf("parsed %ld, indexed %ld, processed %ld\n", parsed, indexed, processed);
    return 0;
}
