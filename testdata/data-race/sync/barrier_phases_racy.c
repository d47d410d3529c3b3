/*
 * barrier_phases_racy.c - each worker writes its own slot (per-thread index
 * from the argument), waits at a barrier all workers pass, then reads every
 * slot: no race on slot[] or sum[]. Every worker writing the one `shared`
 * after the barrier races.
 */
#include <pthread.h>
#define N 4
static pthread_barrier_t bar;
static int slot[N];
static int sum[N];
static int shared;
static void *worker(void *arg) {
    long id = (long)arg;
    slot[id] = (int)id;
    pthread_barrier_wait(&bar);
    int s = 0;
    for (int i = 0; i < N; i++) s += slot[i];
    sum[id] = s;
    shared = s; // expect: data-race 'shared'
    return 0;
}
int main(void) {
    pthread_t t[N];
    pthread_barrier_init(&bar, 0, N);
    for (long i = 0; i < N; i++) pthread_create(&t[i], 0, worker, (void *)i);
    for (int i = 0; i < N; i++) pthread_join(t[i], 0);
    return sum[0];
}
