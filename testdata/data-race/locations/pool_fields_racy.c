/*
 * pool_fields_racy.c - the pipeline of pool_fields_fixed.c, where every stage
 * also bumps one SHARED field, stats.processed, without a lock.
 *
 * The per-stage fields still have one writer each: no race (but false
 * sharing: they share a line, written in the loops). stats.processed
 * is written by all three stage threads, which may run in parallel: one
 * finding, whose primary location is the first of those writes in file order
 * (parse_stage's).
 */
#include <pthread.h>
#include <stdio.h>

#define ITEMS 1000

struct pipeline_stats {
    long parsed;
    long compressed;
    long uploaded;
    long processed;
};

static struct pipeline_stats stats;

static void *parse_stage(void *arg)
{
    (void)arg;
    for (int k = 0; k < ITEMS; k++) {
        stats.parsed++; // expect: false-sharing 'stats.parsed'
        stats.processed++; // expect: data-race 'processed'
    }
    return NULL;
}

static void *compress_stage(void *arg)
{
    (void)arg;
    for (int k = 0; k < ITEMS; k++) {
        stats.compressed++; // expect: false-sharing 'stats.compressed'
        stats.processed++;
    }
    return NULL;
}

static void *upload_stage(void *arg)
{
    (void)arg;
    for (int k = 0; k < ITEMS; k++) {
        stats.uploaded++; // expect: false-sharing 'stats.uploaded'
        stats.processed++;
    }
    return NULL;
}

int main(void)
{
    pthread_t parser, compressor, uploader;

    pthread_create(&parser, NULL, parse_stage, NULL);
    pthread_create(&compressor, NULL, compress_stage, NULL);
    pthread_create(&uploader, NULL, upload_stage, NULL);
    pthread_join(parser, NULL);
    pthread_join(compressor, NULL);
    pthread_join(uploader, NULL);
    printf("%ld processed\n", stats.processed);
    return 0;
}
