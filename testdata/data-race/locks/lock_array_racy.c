/*
 * lock_array_racy.c - bucket locks locks[h] protect buckets[h]; other[h2]
 * is touched under the lock of another bucket and races.
 */
#include <pthread.h>
#define NB 16
static pthread_mutex_t locks[NB];
static long buckets[NB];
static long other[NB];
static void *worker(void *arg) {
    long id = (long)arg;
    for (int k = 0; k < 100; k++) {
        int h = (int)((id * 7 + k) % NB);
        int h2 = (h + 1) % NB;
        pthread_mutex_lock(&locks[h]);
        buckets[h]++;
        other[h2]++; // expect: data-race 'other'
        pthread_mutex_unlock(&locks[h]);
    }
    return 0;
}
int main(void) {
    pthread_t t[4];
    for (int i = 0; i < NB; i++) pthread_mutex_init(&locks[i], 0);
    for (long i = 0; i < 4; i++) pthread_create(&t[i], 0, worker, (void *)i);
    for (int i = 0; i < 4; i++) pthread_join(t[i], 0);
    return (int)buckets[0];
}
