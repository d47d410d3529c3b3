// racecheck-args: -- $(pkg-config --cflags libuv)
// expect-no-findings
/*
 * uv_sem_handoff.c - a producer fills `message` and posts a uv_sem_t; main
 * waits on the semaphore and then reads the message.
 *
 * No race: the write happens before the post, the post before the wait's
 * return, the wait before the read (rules/libuv.json declares uv_sem_init,
 * uv_sem_post and uv_sem_wait with the sem-init/sem-post/sem-wait kinds).
 */
#include <stdio.h>
#include <uv.h>

static uv_sem_t ready;
static long message;

static void producer(void *arg)
{
    (void)arg;
    message = 42;
    uv_sem_post(&ready);
}

int main(void)
{
    uv_thread_t t;
    uv_sem_init(&ready, 0);
    uv_thread_create(&t, producer, NULL);
    uv_sem_wait(&ready);
    printf("%ld\n", message);
    uv_thread_join(&t);
    uv_sem_destroy(&ready);
    return 0;
}
