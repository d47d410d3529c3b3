// expect-no-findings
/*
 * lock_array_mapped_fixed.c - a lock chosen through a table from the same
 * index as the data (`w = to_worker[type]; lock(&mu[w]); counter[type]++`,
 * redis's bio): equal types take equal locks. No race.
 */
#include <pthread.h>
enum { N = 4 };
static pthread_mutex_t mu[N] = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER };
static const int to_worker[N] = { 0, 1, 1, 2 };
static unsigned long counter[N];
static void submit(int type) { int w = to_worker[type]; pthread_mutex_lock(&mu[w]); counter[type]++; pthread_mutex_unlock(&mu[w]); }
static void *worker(void *p) { submit((int)(long)p); return NULL; }
int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, (void *)(long)i);
    submit(3);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
