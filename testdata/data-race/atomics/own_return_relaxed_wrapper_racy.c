/*
 * own_return_relaxed_wrapper_racy.c - own_return_relaxed_racy.c without
 * the registry: the factory only allocates, fills and returns, so it is an
 * allocation wrapper (pointsto.c: one object per call site). The loader
 * publishes with a relaxed store.
 *
 * TRUTH: races: the factory's writes and the readers' reads are unordered.
 * Known miss: the writes inside an allocation wrapper name the wrapper's
 * own allocation, not the call site's object that the readers reach, so
 * they pair with nothing.
 */
#include <pthread.h>
#include <stdlib.h>

struct settings {
    int level;
};

static struct settings *current;

static struct settings *build(int lvl) {
    struct settings *s = malloc(sizeof *s);
    if (!s) abort();
    s->level = lvl; // known-miss: data-race 's->level'
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
    return (void *)(long)s->level;
}

int main(void) {
    pthread_t l, r;
    pthread_create(&r, NULL, reader, NULL);
    pthread_create(&l, NULL, loader, NULL);
    pthread_join(l, NULL);
    pthread_join(r, NULL);
    return 0;
}
