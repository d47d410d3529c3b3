/*
 * cond_lock_helper_fixed.c - locking made optional by a helper, `maybe_lock(int
 * mt) { if (mt) lock(&m); }`, and every call passing 1.
 *
 * TRUTH: no race: every call locks.
 *
 * Known false alarm: a helper's lock summary is one for all its callers;
 * it locks only on some paths, and the constant the callers pass does not
 * choose the path (inline `if (flag) lock(&m)` with an unchanged flag
 * works, as does a helper that always locks).
 */
#include <pthread.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int nused;
static void maybe_lock(int mt) { if (mt) pthread_mutex_lock(&m); }
static void maybe_unlock(int mt) { if (mt) pthread_mutex_unlock(&m); }
static void *worker(void *arg)
{
    maybe_lock(1);
    nused++; // known-false-alarm: data-race 'nused'
    maybe_unlock(1);
    return arg;
}
int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return nused;
}
