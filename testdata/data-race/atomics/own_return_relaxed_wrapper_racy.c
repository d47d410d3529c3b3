/*
 * own_return_relaxed_wrapper_racy.c - own_return_relaxed_racy.c without
 * the registry: the factory only allocates, fills and returns, so it is an
 * allocation wrapper (pointsto.c: one object per call site). The loader
 * publishes with a relaxed store.
 *
 * TRUTH: races: the factory's writes and the readers' reads are unordered.
 * The writes inside the allocation wrapper are the call site's object's
 * too (accesses.c, fill_nodes), the object the readers reach, and they
 * do not come before its publication: the store is relaxed.
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
    s->level = lvl; // expect: data-race 's->level'
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
