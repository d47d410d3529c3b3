// racecheck-args: --library
/*
 * un_library_wrappers_fixed.c - a library exporting its own lock primitives
 * (libuv's uv_mutex_lock/uv_mutex_unlock, uv_rwlock_rdunlock): each
 * forwards its parameter to pthread and aborts on failure. Analysed with
 * `--library`, where every exported function is a thread entry. The
 * wrappers are the library's lock API, modelled at their calls
 * (store_put's critical section); their bodies are no entries of their
 * own: an unlock wrapper alone unlocks what nobody locked, which says
 * nothing about the library. No finding: the counter is always under the
 * store's lock, and no unlock lacks its lock.
 */
#include <pthread.h>
#include <stdlib.h>

typedef pthread_mutex_t lib_mutex_t;
typedef pthread_rwlock_t lib_rwlock_t;

void lib_mutex_lock(lib_mutex_t *m) {
    if (pthread_mutex_lock(m)) abort();
}

void lib_mutex_unlock(lib_mutex_t *m) {
    if (pthread_mutex_unlock(m)) abort();
}

void lib_rwlock_rdlock(lib_rwlock_t *l) {
    if (pthread_rwlock_rdlock(l)) abort();
}

void lib_rwlock_rdunlock(lib_rwlock_t *l) {
    if (pthread_rwlock_unlock(l)) abort();
}

static lib_mutex_t store_lock = PTHREAD_MUTEX_INITIALIZER;
static long stored;

void store_put(long v) {
    lib_mutex_lock(&store_lock);
    stored += v;
    lib_mutex_unlock(&store_lock);
}

long store_get(void) {
    lib_mutex_lock(&store_lock);
    long v = stored;
    lib_mutex_unlock(&store_lock);
    return v;
}

// expect-no-findings
