// expect-no-findings
/*
 * c11_threads_fixed.c - c11_threads_racy.c with both counters under the
 * mutex, one of them taken with mtx_trylock (counted only on its success
 * branch, thrd_success), a condition variable waited on in a loop, and
 * thread-specific storage (tss_get/tss_set values belong to their thread).
 */
#include <stdio.h>
#include <stdlib.h>
#include <threads.h>

#define N 4

static mtx_t lock;
static cnd_t changed;
static once_flag config_once = ONCE_FLAG_INIT;
static tss_t scratch;
static int config;
static int ready;
static long hits, misses;

static void init_config(void)
{
    config = 7;
    tss_create(&scratch, free);
}

static int worker(void *arg)
{
    (void)arg;
    call_once(&config_once, init_config);
    int *mine = malloc(sizeof *mine);
    if (mine)
        *mine = 0;
    tss_set(scratch, mine);
    mtx_lock(&lock);
    while (!ready)
        cnd_wait(&changed, &lock);
    mtx_unlock(&lock);
    if (config > 5) {
        mtx_lock(&lock);
        hits++;
        mtx_unlock(&lock);
    } else if (mtx_trylock(&lock) == thrd_success) {
        misses++;
        mtx_unlock(&lock);
    }
    int *again = tss_get(scratch);
    if (again)
        (*again)++;
    return 0;
}

int main(void)
{
    thrd_t t[N];
    mtx_init(&lock, mtx_plain);
    cnd_init(&changed);
    for (int i = 0; i < N; i++)
        thrd_create(&t[i], worker, NULL);
    mtx_lock(&lock);
    ready = 1;
    cnd_broadcast(&changed);
    mtx_unlock(&lock);
    for (int i = 0; i < N; i++)
        thrd_join(t[i], NULL);
    printf("%ld %ld\n", hits, misses);
    cnd_destroy(&changed);
    mtx_destroy(&lock);
    return 0;
}
