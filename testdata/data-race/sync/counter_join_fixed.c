// expect-no-findings
/*
 * counter_join_fixed.c - workers are detached; each writes its result, then
 * decrements a counter under a mutex and signals; main waits until the
 * counter is 0 and reads the results. No race: every result is written
 * before its worker's decrement, which happens before main sees 0: the
 * counter is a join (ordering rule countdown).
 */
#include <pthread.h>
#include <stdio.h>
#define N 4
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;
static int pending = N;
static long results[N];
static void *worker(void *arg) {
    long id = (long)arg;
    results[id] = id * id;
    pthread_mutex_lock(&m);
    pending--;
    pthread_cond_signal(&done);
    pthread_mutex_unlock(&m);
    return NULL;
}
int main(void) {
    for (long i = 0; i < N; i++) {
        pthread_t t;
        pthread_create(&t, NULL, worker, (void *)i);
        pthread_detach(t);
    }
    pthread_mutex_lock(&m);
    while (pending > 0) pthread_cond_wait(&done, &m);
    pthread_mutex_unlock(&m);
    long sum = 0;
    for (int i = 0; i < N; i++) sum += results[i];
    printf("%ld\n", sum);
    return 0;
}
