#ifndef WORKER_H
#define WORKER_H

#include <pthread.h>

extern pthread_mutex_t done_lock;
extern int done;
#ifdef COUNT_HITS
extern long hits;
#endif

void *worker(void *arg);

#endif
