/*
 * index_slices_div_racy.c - divided slices that meet: twice as wide as
 * the stride (`(id + 2) * N / T`), one past the quotient (`(id + 1) * N /
 * T + 1`: each overlaps the next by one), and bounds with two different
 * divisors.
 */
#include <pthread.h>
#include <stdint.h>

#define N 10
#define T 4

static int wide[N], past[N], mixed[N];

static void *worker(void *arg) {
    long id = (long)(intptr_t)arg;
    for (long i = id * N / T; i < (id + 2) * N / T; i++) wide[i] = 1; // expect: data-race 'wide[i]'
    for (long i = id * N / T; i < (id + 1) * N / T + 1; i++) past[i] = 2; // expect: data-race 'past[i]'
    for (long i = id * N / T; i < (id + 1) * N / 3; i++) mixed[i] = 3; // expect: data-race 'mixed[i]'
    return NULL;
}

int main(void) {
    pthread_t t[T];
    for (long i = 0; i < T; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < T; i++) pthread_join(t[i], NULL);
    return wide[0] + past[0] + mixed[0];
}
