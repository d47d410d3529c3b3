/*
 * fnptr_table_fixed.c - a pipeline whose stages are described by a table of
 * {name, routine} structs; main starts one thread per table entry through
 * the struct's function-pointer field and joins them all. Each stage keeps
 * its own statistic and adds to the shared `processed` under a mutex.
 *
 * TRUTH: no race. Each entry's routine runs in exactly one thread, so
 * `parsed` and `indexed` are each written by one thread only; `processed`
 * is accessed under stats_lock by both stages. main reads everything after
 * joining. (A tool that merges the two routines into one thread with many
 * instances would see each stage racing with itself.)
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
    processed += 100;
    pthread_mutex_unlock(&stats_lock);
    return NULL;
}

static void *index_stage(void *arg)
{
    (void)arg;
    for (int k = 0; k < 50; k++)
        indexed += k % 5; // known-false-alarm: data-race 'indexed'
    pthread_mutex_lock(&stats_lock);
    processed += 50;
    pthread_mutex_unlock(&stats_lock);
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
