// expect-no-findings
/*
 * perthread_addr_fixed.c - each thread gets &args[i]: it reads its index and
 * writes its result through the pointer, and writes out[*id]. No race; main
 * reads everything after the joins.
 */
#include <pthread.h>
#include <stdio.h>
#define N 4
struct arg { int id; long result; };
static struct arg args[N];
static long out[N];
static void *worker(void *p) {
    struct arg *a = p;
    int id = a->id;
    a->result = id * 10;
    out[id] = id;
    return NULL;
}
int main(void) {
    pthread_t t[N];
    for (int i = 0; i < N; i++) {
        args[i].id = i;
        pthread_create(&t[i], NULL, worker, &args[i]);
    }
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    long sum = 0;
    for (int i = 0; i < N; i++) sum += args[i].result + out[i];
    printf("%ld\n", sum);
    return 0;
}
