// expect-no-findings
/*
 * dl_recursive_fixed.c - taking a lock again that may be taken again:
 * a pthread mutex initialised with PTHREAD_MUTEX_RECURSIVE, a GLib
 * GRecMutex, and a trylock of a held mutex (it fails instead of waiting).
 */
#include <errno.h>
#include <pthread.h>

typedef struct { void *p; unsigned i[2]; } GRecMutex;
void g_rec_mutex_lock(GRecMutex *m);
void g_rec_mutex_unlock(GRecMutex *m);

static pthread_mutex_t tree_lock;
static GRecMutex registry_lock;
static pthread_mutex_t plain = PTHREAD_MUTEX_INITIALIZER;
static long nodes, entries, tries;

static void tree_add(int depth) {
    pthread_mutex_lock(&tree_lock);
    nodes++;
    if (depth > 0) tree_add(depth - 1);
    pthread_mutex_unlock(&tree_lock);
}

static void registry_touch(void) {
    g_rec_mutex_lock(&registry_lock);
    entries++;
    g_rec_mutex_unlock(&registry_lock);
}

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&tree_lock);
    tree_add(2);
    pthread_mutex_unlock(&tree_lock);
    g_rec_mutex_lock(&registry_lock);
    registry_touch();
    g_rec_mutex_lock(&registry_lock);
    entries++;
    g_rec_mutex_unlock(&registry_lock);
    g_rec_mutex_unlock(&registry_lock);
    pthread_mutex_lock(&plain);
    if (pthread_mutex_trylock(&plain) == EBUSY) tries++;
    pthread_mutex_unlock(&plain);
    return NULL;
}

int main(void) {
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&tree_lock, &attr);
    pthread_mutexattr_destroy(&attr);
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return (int)(nodes + entries + tries);
}
