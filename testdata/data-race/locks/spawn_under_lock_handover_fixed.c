// expect-no-findings
/*
 * spawn_under_lock_handover_fixed.c - main takes the state mutex, starts
 * the loader threads (in a loop, all while it holds the mutex), fills in the
 * shared settings and only then releases the mutex. Each loader first
 * passes through the mutex (lock, read the generation, unlock) and then
 * reads the settings without it.
 *
 * TRUTH: no race: main holds the mutex from before any loader exists until
 * after its writes; a loader takes that mutex before it reads, which it can
 * only do after main released it.
 */
#include <pthread.h>
#include <stdio.h>

#define LOADERS 3

static pthread_mutex_t state = PTHREAD_MUTEX_INITIALIZER;
static int generation;
static struct { int level; const char *path; } settings;

static void *loader(void *arg)
{
    int gen;

    (void)arg;
    pthread_mutex_lock(&state);
    gen = generation;
    pthread_mutex_unlock(&state);
    printf("%d %s %d\n", gen, settings.path, settings.level);
    return NULL;
}

int main(void)
{
    pthread_t t[LOADERS];

    pthread_mutex_lock(&state);
    for (int i = 0; i < LOADERS; i++)
        pthread_create(&t[i], NULL, loader, NULL);
    settings.level = 3;
    settings.path = "/etc/app.conf";
    generation = 1;
    pthread_mutex_unlock(&state);
    for (int i = 0; i < LOADERS; i++)
        pthread_join(t[i], NULL);
    return 0;
}
