// expect-no-findings
/*
 * memset_fixed.c - memset_racy.c with the clear and the increments under
 * one mutex: every field memset writes is written under stats_lock, like
 * the worker's stats.hits++. No finding.
 */
#include <pthread.h>
#include <string.h>

struct stats {
    long hits;
    long misses;
};

static struct stats stats;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < 1000; k++) {
        pthread_mutex_lock(&stats_lock);
        stats.hits++;
        pthread_mutex_unlock(&stats_lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&stats_lock);
    memset(&stats, 0, sizeof stats);
    pthread_mutex_unlock(&stats_lock);
    pthread_join(t, NULL);
    return (int)stats.hits;
}
