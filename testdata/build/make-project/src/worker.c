/*
 * worker.c - each worker marks itself done under done_lock; with COUNT_HITS
 * (the Makefile defines it) it also counts into `hits` without the lock: a
 * race that exists only as the project is built.
 */
#include "worker.h"

pthread_mutex_t done_lock = PTHREAD_MUTEX_INITIALIZER;
int done;
#ifdef COUNT_HITS
long hits;
#endif

void *worker(void *arg)
{
    (void)arg;
#ifdef COUNT_HITS
    hits++; // expect: data-race 'hits'
#endif
    pthread_mutex_lock(&done_lock);
    done++;
    pthread_mutex_unlock(&done_lock);
    return NULL;
}
