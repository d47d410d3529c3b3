/*
 * config_init_racy.c - like config_init_fixed.c, but main "reloads" one
 * setting after the workers have started.
 *
 * The write `config.scale = 20` comes after pthread_create and before the
 * join loop, so it may run in parallel with the workers' reads of
 * config.scale. It is the only write involved (the first assignment precedes
 * pthread_create), hence the primary location. config.offset is written only
 * before the workers start: no race on it.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4

struct config {
    int scale;
    int offset;
};

static struct config config;

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    long value = (long)id * config.scale + config.offset;

    return (void *)(intptr_t)value;
}

int main(void)
{
    pthread_t t[N];
    long sum = 0;
    int i;

    config.scale = 10;
    config.offset = 3;
    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    config.scale = 20; // expect: data-race 'scale'
    for (i = 0; i < N; i++) {
        void *ret;
        pthread_join(t[i], &ret);
        sum += (long)(intptr_t)ret;
    }
    printf("sum = %ld\n", sum);
    return 0;
}
