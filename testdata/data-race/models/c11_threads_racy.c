/*
 * c11_threads_racy.c - C11 <threads.h>: thrd_create/thrd_join, mtx_t, and a
 * configuration initialised with call_once.
 *
 * The workers (many instances, created in a loop) increment `hits` under
 * `lock`, but also bump `misses` with no lock: the instances race on
 * misses. The configuration is set up by call_once (its routine runs once,
 * before every caller's return), so reading `config` after call_once does
 * not race. main reads the counters after joining every thread.
 */
#include <stdio.h>
#include <threads.h>

#define N 4

static mtx_t lock;
static once_flag config_once = ONCE_FLAG_INIT;
static int config;
static long hits, misses;

static void init_config(void)
{
    config = 7;
}

static int worker(void *arg)
{
    (void)arg;
    call_once(&config_once, init_config);
    if (config > 5) {
        mtx_lock(&lock);
        hits++;
        mtx_unlock(&lock);
    } else {
        misses++; // expect: data-race 'misses'
    }
    return 0;
}

int main(void)
{
    thrd_t t[N];
    mtx_init(&lock, mtx_plain);
    for (int i = 0; i < N; i++)
        thrd_create(&t[i], worker, NULL);
    for (int i = 0; i < N; i++)
        thrd_join(t[i], NULL);
    printf("%ld %ld\n", hits, misses);
    mtx_destroy(&lock);
    return 0;
}
