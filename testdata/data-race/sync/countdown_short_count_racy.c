/*
 * countdown_short_count_racy.c - a completion counter primed with one
 * less than the number of workers: main sets `active = 2`, starts three
 * detached workers that each write their cell and count down under the
 * mutex, and waits `while (active > 0)` before reading the cells.
 *
 * TRUTH: a race on out[id]: main leaves the wait after two count-downs, so
 * the third worker's write may run while main reads.
 *
 * racecheck compares the counts the wait needs (2) with the instances
 * that count once each (3) and joins none of them (sync.c,
 * sync_short_countdowns).
 */
#include <pthread.h>
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int active;
static int out[3];
static void *worker(void *arg)
{
    long id = (long)arg;
    out[id] = 1; // expect: data-race 'out[id]'
    pthread_mutex_lock(&mu);
    active--;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    return 0;
}
int main(void)
{
    pthread_t t;
    active = 2;
    for (long i = 0; i < 3; i++) { pthread_create(&t, 0, worker, (void *)i); pthread_detach(t); }
    pthread_mutex_lock(&mu);
    while (active > 0) pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    return out[0] + out[1] + out[2];
}
