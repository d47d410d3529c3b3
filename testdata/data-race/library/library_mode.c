// racecheck-args: --library
/*
 * library_mode.c - a counter library without main, analysed with
 * `--verify --library`: every function with external linkage is a thread
 * entry that may run in many threads at once, in parallel with the others.
 *
 * lib_increment updates `counter` with no lock: two callers of it race with
 * each other, and with lib_get's read; its write is the only write, hence
 * the primary location. lib_count_call's `calls` is touched by no other
 * function: it races only because two threads may call lib_count_call at
 * once. lib_safe_increment, lib_safe_get and lib_reset hold `lock` around
 * every access of `safe_counter`, also in the static helper bump_locked,
 * which is no entry of its own (it is static) and is only called with the
 * lock held: no race on safe_counter.
 */
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static long safe_counter;
static long calls;

void lib_increment(void)
{
    counter++; // expect: data-race 'counter'
}

long lib_get(void)
{
    return counter;
}

void lib_count_call(void)
{
    calls++; // expect: data-race 'calls'
}

static void bump_locked(long by)
{
    safe_counter += by;
}

void lib_safe_increment(void)
{
    pthread_mutex_lock(&lock);
    bump_locked(1);
    pthread_mutex_unlock(&lock);
}

long lib_safe_get(void)
{
    long v;

    pthread_mutex_lock(&lock);
    v = safe_counter;
    pthread_mutex_unlock(&lock);
    return v;
}

void lib_reset(void)
{
    pthread_mutex_lock(&lock);
    safe_counter = 0;
    pthread_mutex_unlock(&lock);
}
