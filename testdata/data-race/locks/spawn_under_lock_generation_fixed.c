// expect-no-findings
/*
 * spawn_under_lock_generation_fixed.c - main holds the table mutex while it
 * creates the reporter thread and keeps updating `generation` under it; the
 * reporter takes the same mutex to read generation.
 *
 * TRUTH: no race. main's writes after the create are all made while it
 * holds m; the reporter reads generation only while holding m. (A thread
 * created while its creator holds a lock does not hold that lock itself.)
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
    pthread_join(t, NULL);
    return 0;
}
