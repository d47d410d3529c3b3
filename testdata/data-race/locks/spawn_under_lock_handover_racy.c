/*
 * spawn_under_lock_handover_racy.c - as spawn_under_lock_handover_fixed.c
 * (loaders pass through the state mutex, then read the settings without
 * it), but main starts each loader in its own short critical section and
 * writes the settings in a later one.
 *
 * TRUTH: a race on settings.level (and .path): a loader may pass through
 * the mutex between main's critical sections, before main writes, and then
 * read while main writes. main's writes are the only writes (primary
 * locations).
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

    for (int i = 0; i < LOADERS; i++) {
        pthread_mutex_lock(&state);
        pthread_create(&t[i], NULL, loader, NULL);
        pthread_mutex_unlock(&state);
    }
    pthread_mutex_lock(&state);
    settings.level = 3; // expect: data-race 'settings.level'
    settings.path = "/etc/app.conf"; // expect: data-race 'settings.path'
    generation = 1;
    pthread_mutex_unlock(&state);
    for (int i = 0; i < LOADERS; i++)
        pthread_join(t[i], NULL);
    return 0;
}
