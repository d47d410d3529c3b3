/*
 * flag_handoff_racy.c - flags that hand nothing over: the producer sets
 * `ready` before it writes the message; `started` starts at 1, so the
 * waiter may pass at once; `posted` is set by two threads, and the waiter
 * may pass on the one that did not write `note`; `plain_ready` is a plain
 * int (its own accesses race, and so does what it was to guard).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static long message, early, note, guarded;
static atomic_int ready, started = 1, posted;
static volatile int plain_ready;

static void *producer(void *arg)
{
    (void)arg;
    atomic_store(&ready, 1);
    message = 42; // expect: data-race 'message'
    early = 1; // expect: data-race 'early'
    note = 7; // expect: data-race 'note'
    atomic_store(&posted, 1);
    guarded = 5; // expect: data-race 'guarded'
    plain_ready = 1; // expect: data-race 'plain_ready'
    return NULL;
}

static void *other(void *arg)
{
    (void)arg;
    atomic_store(&posted, 1);
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    while (!atomic_load(&ready)) ;
    printf("%ld\n", message);
    while (!atomic_load(&started)) ;
    printf("%ld\n", early);
    while (!atomic_load(&posted)) ;
    printf("%ld\n", note);
    while (!plain_ready) ;
    printf("%ld\n", guarded);
    return NULL;
}

int main(void)
{
    pthread_t p, o, c;
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&o, NULL, other, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_join(p, NULL);
    pthread_join(o, NULL);
    pthread_join(c, NULL);
    return 0;
}
