/*
 * shared.h - what a.c and b.c share: the global total (defined in a.c) and
 * the worker routine (defined in b.c).
 */
#ifndef TWO_UNITS_SHARED_H
#define TWO_UNITS_SHARED_H

#define NWORKERS 4
#define ROUNDS 1000

extern int total;

void *worker(void *arg);

#endif
