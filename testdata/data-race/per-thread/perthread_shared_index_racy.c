/*
 * perthread_shared_index_racy.c - every thread indexes with a value read from
 * a global that all threads share: the same element for all, a race.
 */
#include <pthread.h>
#include <stdio.h>
#define N 4
static long data[N];
static int slot = 2;
static void *worker(void *arg) {
    (void)arg;
    int i = slot;
    data[i]++; // expect: data-race 'data'
    return NULL;
}
int main(void) {
    pthread_t t[N];
    for (int i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    printf("%ld\n", data[2]);
    return 0;
}
