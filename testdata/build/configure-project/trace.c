/*
 * trace.c - with HAVE_TRACE (configure's default) every job records itself
 * as the last one, without a lock: the race exists only as configured.
 */
#include "config.h"
#include "trace.h"

#ifdef HAVE_TRACE
int last_job;

void trace_job(int id)
{
    last_job = id; // expect: data-race 'last_job'
}
#endif
