// racecheck-args: -- $(pkg-config --cflags libuv)
// expect-no-findings
/*
 * uv_thread_fixed.c - uv_thread_racy.c with the writer taking the write lock;
 * main reads `seen` and `config` after uv_thread_join of both threads.
 */
#include <stdio.h>
#include <uv.h>

static uv_rwlock_t config_lock;
static int config;

static void scan(void *arg)
{
    int *out = arg;
    uv_rwlock_rdlock(&config_lock);
    *out = config;
    uv_rwlock_rdunlock(&config_lock);
}

static void update(void *arg)
{
    (void)arg;
    uv_rwlock_wrlock(&config_lock);
    config = 42;
    uv_rwlock_wrunlock(&config_lock);
}

int main(void)
{
    uv_thread_t a, b;
    int seen = 0;
    uv_rwlock_init(&config_lock);
    uv_thread_create(&a, scan, &seen);
    uv_thread_create(&b, update, NULL);
    uv_thread_join(&a);
    uv_thread_join(&b);
    printf("%d %d\n", seen, config);
    return 0;
}
