/*
 * counter_lib.c - a library without main; .racecheck.json names its entry
 * points (like --entry lib_inc --entry lib_get), each a thread that may run
 * in parallel with the others, and with another instance of itself.
 *
 * lib_inc writes `count` without a lock and lib_get reads it: they race
 * (and lib_inc with itself). lib_total reads under the lock, but it is
 * not an entry and nothing calls it: not analysed.
 */
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long count;

void lib_inc(void)
{
    count++; // expect: data-race 'count'
}

long lib_get(void)
{
    return count;
}

long lib_total(void)
{
    pthread_mutex_lock(&lock);
    long c = count;
    pthread_mutex_unlock(&lock);
    return c;
}
