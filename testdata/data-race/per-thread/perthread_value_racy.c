/*
 * perthread_value_racy.c - thread i gets i by value through its argument.
 * data[id] is each thread's own element: no race. data[id / 2] is shared by
 * two threads, and data[0] by all: races.
 */
#include <pthread.h>
#include <stdio.h>
#define N 4
static long data[N];
static long halves[N];
static long first[N];
static void *worker(void *arg) {
    long id = (long)arg;
    data[id] += id;
    halves[id / 2] += id; // expect: data-race 'halves'
    first[0] += id; // expect: data-race 'first'
    return NULL;
}
int main(void) {
    pthread_t t[N];
    for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    printf("%ld %ld %ld\n", data[1], halves[0], first[0]);
    return 0;
}
