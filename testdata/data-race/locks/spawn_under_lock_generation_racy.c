/*
 * spawn_under_lock_generation_racy.c - as spawn_under_lock_generation_fixed.c
 * (main creates the reporter while holding m and writes generation under it;
 * the reporter reads it under m), but main writes generation once more after
 * unlocking.
 *
 * TRUTH: a race on generation: main's unlocked write may run in parallel
 * with the reporter's locked read (primary location: that write). The writes
 * made while main holds m share the lock with the read: not involved.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int generation;

static void *reporter(void *arg)
{
    int seen;

    (void)arg;
    pthread_mutex_lock(&m);
    seen = generation;
    pthread_mutex_unlock(&m);
    printf("generation %d\n", seen);
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_mutex_lock(&m);
    generation = 1;
    pthread_create(&t, NULL, reporter, NULL);
    generation = 2;
    pthread_mutex_unlock(&m);
    generation = 3; // expect: data-race 'generation'
    pthread_join(t, NULL);
    return 0;
}
