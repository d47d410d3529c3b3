// expect-no-findings
/*
 * index_slices_div_fixed.c - slices computed with a division, so that
 * uneven sizes split fairly: worker id fills [id * N / T, (id + 1) * N / T)
 * (N = 10 over T = 4 workers: 0-1, 2-4, 5-6, 7-9), from its index or from
 * bounds its creator stores in its job (`jobs[i].lo = i * n / T`). C's
 * division truncates, which never reverses an order, so the slices of two
 * workers do not meet as their numerators' ranges do not; an exact
 * division (`id * 100 / 4`) is a plain stride.
 */
#include <pthread.h>
#include <stdint.h>

#define N 10
#define T 4

static int a[N], b[N], c[100];

struct job { int *arr; int lo, hi; };

static void *by_index(void *arg) {
    long id = (long)(intptr_t)arg;
    long lo = id * N / T, hi = (id + 1) * N / T;
    for (long i = lo; i < hi; i++) a[i] = (int)i;
    for (long i = id * 100 / T; i < (id + 1) * 100 / T; i++) c[i] += 1;
    return NULL;
}

static void *by_job(void *p) {
    struct job *j = p;
    for (int i = j->lo; i < j->hi; i++) j->arr[i] = i;
    return NULL;
}

int main(void) {
    int n = N;
    pthread_t t[T], u[T];
    struct job jobs[T];
    for (long i = 0; i < T; i++) pthread_create(&t[i], NULL, by_index, (void *)(intptr_t)i);
    for (int i = 0; i < T; i++) {
        jobs[i].arr = b;
        jobs[i].lo = i * n / T;
        jobs[i].hi = (i + 1) * n / T;
        pthread_create(&u[i], NULL, by_job, &jobs[i]);
    }
    for (int i = 0; i < T; i++) {
        pthread_join(t[i], NULL);
        pthread_join(u[i], NULL);
    }
    return a[0] + b[0] + c[0];
}
