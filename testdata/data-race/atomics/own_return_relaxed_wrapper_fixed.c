/*
 * own_return_relaxed_wrapper_fixed.c - own_return_relaxed_wrapper_racy.c
 * with a release store and acquire loads: the factory's writes (the call
 * site's object's, accesses.c fill_nodes) come before the object's
 * publication, which orders them before the readers' reads. A second call
 * site's object, built and kept by main alone, is never shared.
 *
 * TRUTH: no race.
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
    s->level = lvl;
    return s;
}

static void *loader(void *arg) {
    (void)arg;
    struct settings *s = build(3);
    __atomic_store_n(&current, s, __ATOMIC_RELEASE);
    return NULL;
}

static void *reader(void *arg) {
    (void)arg;
    struct settings *s;
    while ((s = __atomic_load_n(&current, __ATOMIC_ACQUIRE)) == NULL)
        ;
    return (void *)(long)s->level;
}

int main(void) {
    struct settings *mine = build(1);
    mine->level++;
    free(mine);
    pthread_t l, r;
    pthread_create(&r, NULL, reader, NULL);
    pthread_create(&l, NULL, loader, NULL);
    pthread_join(l, NULL);
    pthread_join(r, NULL);
    return 0;
}
// expect-no-findings
