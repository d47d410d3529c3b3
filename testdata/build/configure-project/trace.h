#ifndef TRACE_H
#define TRACE_H

#ifdef HAVE_TRACE
extern int last_job;
void trace_job(int id);
#else
#define trace_job(id) ((void)(id))
#endif

#endif
