/*
 * two_routines_racy.c - two different thread routines, each created once,
 * both set the same global mode without a lock.
 *
 * Neither routine races with itself (one instance each), but the two may run
 * in parallel: a write/write race on `mode`. The primary location is the
 * first write in file order, in enable_fast. main reads the mode only after
 * joining both threads.
 */
#include <pthread.h>
#include <stdio.h>

enum { MODE_NONE, MODE_FAST, MODE_SAFE };

static int mode = MODE_NONE;

static void *enable_fast(void *arg)
{
    (void)arg;
    mode = MODE_FAST; // expect: data-race 'mode'
    return NULL;
}

static void *enable_safe(void *arg)
{
    (void)arg;
    mode = MODE_SAFE;
    return NULL;
}

int main(void)
{
    pthread_t a, b;

    pthread_create(&a, NULL, enable_fast, NULL);
    pthread_create(&b, NULL, enable_safe, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("mode %d\n", mode);
    return 0;
}
