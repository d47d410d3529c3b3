/*
 * stats.c - latency statistics. count and total_us are updated under
 * stats.lock; the maximum was added later, after the unlock: the demo's
 * third race. Jobs on every worker call stats_record, so the read and the
 * write of stats.max_latency run in parallel with other workers' writes.
 */
#include <pthread.h>
#include <stdio.h>

#include "stats.h"

struct stats {
    pthread_mutex_t lock; /* guards count and total_us */
    long count;
    long total_us;
    long max_latency;
};

static struct stats stats = { PTHREAD_MUTEX_INITIALIZER, 0, 0, 0 };

void stats_record(long latency_us)
{
    pthread_mutex_lock(&stats.lock);
    stats.count++;
    stats.total_us += latency_us;
    pthread_mutex_unlock(&stats.lock);

    if (latency_us > stats.max_latency)
        stats.max_latency = latency_us; // expect: data-race 'max_latency'
}

void stats_print(void)
{
    pthread_mutex_lock(&stats.lock);
    if (stats.count > 0)
        printf("%ld requests, mean %ld us, max %ld us\n", stats.count,
               stats.total_us / stats.count, stats.max_latency);
    pthread_mutex_unlock(&stats.lock);
}
