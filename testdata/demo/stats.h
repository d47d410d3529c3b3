/*
 * stats.h - latency statistics shared by every job of the demo.
 */
#ifndef DEMO_STATS_H
#define DEMO_STATS_H

/* Records one request latency, in microseconds. Thread-safe (or meant to be). */
void stats_record(long latency_us);
/* Prints the count, mean and maximum latency. */
void stats_print(void);

#endif
