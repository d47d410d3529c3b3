/*
 * callback_args_racy.c - a comparator qsort_r calls gets qsort_r's fifth
 * argument as its third parameter, not qsort_r's third (the element size,
 * the constant 4): what the comparator does when that argument says so
 * (`if ((long)mode == 1) compares++`) is made in both sorting threads.
 * Taking the library call's own constant arguments for the callback's
 * parameters would prune that branch and miss the race.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>

enum { ELEM = sizeof(int) == 4 ? 4 : sizeof(int) };

static long compares;
static long counting = 1;

static int by_value(const void *a, const void *b, void *mode) {
    if ((long)mode == 1) compares++; // expect: data-race 'compares'
    return *(const int *)a - *(const int *)b;
}

static void *sorter(void *arg) {
    (void)arg;
    int v[4] = {4, 3, 2, 1};
    qsort_r(v, 4, ELEM, by_value, (void *)counting);
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, sorter, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
