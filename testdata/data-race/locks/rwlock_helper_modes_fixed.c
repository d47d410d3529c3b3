// expect-no-findings
/*
 * rwlock_helper_modes_fixed.c - a symbol table under a pthread_rwlock:
 * intern() looks the name up with the helper find() under the read lock,
 * drops it, takes the write lock and searches again before inserting.
 * find() is entered holding the lock shared at one call and exclusively
 * at the other: it reads holding it (shared) either way.
 *
 * TRUTH: no finding.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <string.h>

#define NSYM 64

static pthread_rwlock_t symtab_lock = PTHREAD_RWLOCK_INITIALIZER;
static char symtab[NSYM][32];
static int nsym;

static int find(const char *name) {
    for (int i = 0; i < nsym; i++)
        if (strcmp(symtab[i], name) == 0) return i;
    return -1;
}

static int intern(const char *name) {
    pthread_rwlock_rdlock(&symtab_lock);
    int id = find(name);
    pthread_rwlock_unlock(&symtab_lock);
    if (id >= 0) return id;
    pthread_rwlock_wrlock(&symtab_lock);
    id = find(name);
    if (id < 0 && nsym < NSYM) {
        strncpy(symtab[nsym], name, sizeof symtab[0] - 1);
        id = nsym++;
    }
    pthread_rwlock_unlock(&symtab_lock);
    return id;
}

static void *parser(void *arg) {
    intern((const char *)arg);
    intern("main");
    return NULL;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, parser, "foo");
    pthread_create(&b, NULL, parser, "bar");
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return nsym;
}
