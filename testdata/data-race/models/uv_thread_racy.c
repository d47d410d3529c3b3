// racecheck-args: -- $(pkg-config --cflags libuv)
/*
 * uv_thread_racy.c - uv_thread_create/uv_thread_join with a reader-writer
 * lock; the writer takes only the read lock.
 *
 * Both threads may run at once (joined only at the end). scan() reads
 * `config` under the read lock; update() writes it under the read lock too,
 * which does not exclude the other reader: the write races with the read.
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
    uv_rwlock_rdlock(&config_lock);
    config = 42; // expect: data-race 'config'
    uv_rwlock_rdunlock(&config_lock);
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
