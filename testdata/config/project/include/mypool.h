/* mypool.h - the project's own thread pool (its implementation is a library
 * racecheck does not analyse); racecheck/mypool.json teaches racecheck
 * what these functions mean. */
#ifndef MYPOOL_H
#define MYPOOL_H

struct mypool;

struct mypool *mypool_create(int nthreads);
/* Runs fn(arg) in one of the pool's threads. */
void mypool_run(struct mypool *pool, void (*fn)(void *), void *arg);
/* Waits until every function run so far has returned. */
void mypool_drain(struct mypool *pool);
void mypool_destroy(struct mypool *pool);

#endif
