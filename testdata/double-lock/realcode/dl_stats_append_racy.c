/*
 * dl_stats_append_racy.c - reduced from memcached's server_stats(): the
 * stats lock (taken through the program's STATS_LOCK() function) is held
 * across many append_stat() calls, each of which may, when growing the
 * output buffer fails, take the stats lock again to count the failure.
 * Every one of those calls deadlocks on that path; one finding says so, at
 * the first call, with the count of the others in the function. The
 * accesses after the calls are still under the lock (the helper's lock and
 * unlock are balanced inside it): no data race.
 *
 * TRUTH: one double-lock (three calls in server_stats, one finding); no
 * data race.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    long malloc_fails, curr_conns, total_items;
} stats;

void STATS_LOCK(void)
{
    pthread_mutex_lock(&stats_lock);
}

void STATS_UNLOCK(void)
{
    pthread_mutex_unlock(&stats_lock);
}

struct out {
    char *buf;
    size_t len, size;
};

static int grow(struct out *o, size_t need)
{
    if (o->len + need <= o->size)
        return 1;
    char *p = realloc(o->buf, o->size * 2 + need);
    if (p == NULL) {
        STATS_LOCK();
        stats.malloc_fails++;
        STATS_UNLOCK();
        return 0;
    }
    o->buf = p;
    o->size = o->size * 2 + need;
    return 1;
}

static void append_stat(struct out *o, const char *name, long v)
{
    char line[64];
    int n = snprintf(line, sizeof line, "STAT %s %ld\r\n", name, v);
    if (n < 0 || !grow(o, (size_t)n))
        return;
    memcpy(o->buf + o->len, line, (size_t)n);
    o->len += (size_t)n;
}

static void server_stats(struct out *o)
{
    STATS_LOCK();
    append_stat(o, "malloc_fails", stats.malloc_fails); // expect: double-lock 'stats_lock'
    append_stat(o, "curr_connections", stats.curr_conns);
    append_stat(o, "total_items", stats.total_items);
    STATS_UNLOCK();
}

static void *worker(void *arg)
{
    struct out o = {NULL, 0, 0};
    for (int i = 0; i < 10; i++) {
        STATS_LOCK();
        stats.curr_conns++;
        stats.total_items += 2;
        STATS_UNLOCK();
    }
    server_stats(&o);
    free(o.buf);
    return arg;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
