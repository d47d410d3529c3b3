// expect-no-findings
/*
 * config_init_fixed.c - main fills a global configuration before creating the
 * workers; the workers only read it and hand their result back through
 * pthread_join.
 *
 * main's writes come before every pthread_create, so they happen before the
 * workers; while workers run, everybody only reads `config`. No finding.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4

struct config {
    int scale;
    int offset;
    int verbose;
};

static struct config config;

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    long value = (long)id * config.scale + config.offset;

    if (config.verbose)
        printf("worker %d: %ld\n", id, value);
    return (void *)(intptr_t)value;
}

int main(void)
{
    pthread_t t[N];
    long sum = 0;
    int i;

    config.scale = 10;
    config.offset = 3;
    config.verbose = 1;
    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (i = 0; i < N; i++) {
        void *ret;
        pthread_join(t[i], &ret);
        sum += (long)(intptr_t)ret;
    }
    printf("sum = %ld (scale %d)\n", sum, config.scale);
    return 0;
}
