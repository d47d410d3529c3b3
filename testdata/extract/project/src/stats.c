/* stats.c - a total updated under its lock, read without it. */
#include <pthread.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static int total;

void stats_add(int n) {
    pthread_mutex_lock(&stats_lock);
    total += n; // expect: data-race 'total'
    pthread_mutex_unlock(&stats_lock);
}

int stats_total(void) {
    return total;
}
