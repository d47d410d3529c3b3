/*
 * join_dynamic_racy.c - handles in a malloc'd array of run-time size, joined
 * in a loop: the workers' atomic counter is read after the join loop (no
 * race). main reads `early` before joining its writer: race (the write is
 * the primary location).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
static long total;
static void *worker(void *arg) {
    (void)arg;
    __atomic_fetch_add(&total, 1, __ATOMIC_RELAXED);
    return NULL;
}
static long early;
static void *writer(void *arg) {
    (void)arg;
    early = 1; // expect: data-race 'early'
    return NULL;
}
int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 4;
    pthread_t *ths = malloc((size_t)n * sizeof *ths);
    if (!ths) return 1;
    pthread_t w;
    pthread_create(&w, NULL, writer, NULL);
    for (int i = 0; i < n; i++) pthread_create(&ths[i], NULL, worker, NULL);
    printf("%ld\n", early);
    for (int i = 0; i < n; i++) pthread_join(ths[i], NULL);
    pthread_join(w, NULL);
    printf("%ld %ld\n", total, early);
    free(ths);
    return 0;
}
