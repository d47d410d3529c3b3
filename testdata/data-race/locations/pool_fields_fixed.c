/*
 * pool_fields_fixed.c - a three-stage pipeline: each stage thread (created
 * once) counts its own work in its OWN field of one global stats struct.
 *
 * Struct fields are separate locations, and each field has exactly one
 * writer thread while the threads run; main reads the struct only after
 * joining all three. No data race; the three counters, written in the
 * stages' loops, share one cache line (false sharing, a note).
 */
#include <pthread.h>
#include <stdio.h>

#define ITEMS 1000

struct pipeline_stats {
    long parsed;
    long compressed;
    long uploaded;
};

static struct pipeline_stats stats;

static void *parse_stage(void *arg)
{
    (void)arg;
    for (int k = 0; k < ITEMS; k++)
        stats.parsed++; // expect: false-sharing 'stats.parsed'
    return NULL;
}

static void *compress_stage(void *arg)
{
    (void)arg;
    for (int k = 0; k < ITEMS; k++)
        stats.compressed++; // expect: false-sharing 'stats.compressed'
    return NULL;
}

static void *upload_stage(void *arg)
{
    (void)arg;
    for (int k = 0; k < ITEMS; k++)
        stats.uploaded++; // expect: false-sharing 'stats.uploaded'
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
    printf("%ld parsed, %ld compressed, %ld uploaded\n", stats.parsed, stats.compressed,
           stats.uploaded);
    return 0;
}
