/*
 * own_return_relaxed_racy.c - a factory builds a settings object, counts
 * it in a registry under a lock, and returns it; the loader publishes it
 * through an atomic pointer with a *relaxed* store, and readers spin on a
 * relaxed load and read the fields.
 *
 * TRUTH: races: a relaxed store orders nothing before it, so the
 * factory's field writes and the readers' reads are unordered (C11).
 * Missed before: the factory's writes came before the return, and a
 * return counted as a publication the factory's callers could not make
 * relaxed; now the publication dataflow follows the returned object into
 * the callers (ownership.c, callers_relaxed).
 *
 * Known miss kept: the same factory without the registry is an allocation
 * wrapper (one object per call site, pointsto.c), and the writes inside it
 * name its own allocation, not the call site's object the readers see.
 */
#include <pthread.h>
#include <stdlib.h>

struct settings {
    int level;
    int limits[4];
    struct settings *next;
};

static struct settings *registry;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct settings *current;

static struct settings *build(int lvl) {
    struct settings *s = malloc(sizeof *s);
    if (!s) abort();
    s->level = lvl; // expect: data-race 's->level'
    for (int i = 0; i < 4; i++) s->limits[i] = lvl * (i + 1); // expect: data-race 's->limits[i]'
    pthread_mutex_lock(&registry_lock);
    s->next = registry;
    registry = s;
    pthread_mutex_unlock(&registry_lock);
    return s;
}

static void *loader(void *arg) {
    (void)arg;
    struct settings *s = build(3);
    __atomic_store_n(&current, s, __ATOMIC_RELAXED);
    return NULL;
}

static void *reader(void *arg) {
    (void)arg;
    struct settings *s;
    while ((s = __atomic_load_n(&current, __ATOMIC_RELAXED)) == NULL)
        ;
    return (void *)(long)(s->level + s->limits[3]);
}

int main(void) {
    pthread_t l, r[2];
    for (int i = 0; i < 2; i++) pthread_create(&r[i], NULL, reader, NULL);
    pthread_create(&l, NULL, loader, NULL);
    pthread_join(l, NULL);
    for (int i = 0; i < 2; i++) pthread_join(r[i], NULL);
    return 0;
}
