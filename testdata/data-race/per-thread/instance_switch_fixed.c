// expect-no-findings
/*
 * instance_switch_fixed.c - work one instance of a thread does, chosen by a
 * switch on its distinct index: the worker with index 0 writes `first`,
 * the one with index 2 writes `third`; the others fall to the default.
 * The switch is lowered to tests of the index against each case
 * (docs/ir-format.md, version 12), which the instance guards follow.
 *
 * TRUTH: no race: first and third are each written by one instance.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4

static long first, third, others[N];

static void *worker(void *arg) {
    intptr_t id = (intptr_t)arg;
    switch (id) {
    case 0:
        first = 1;
        break;
    case 2:
        third = 3;
        break;
    default:
        others[id] = id;
        break;
    }
    return NULL;
}

int main(void) {
    pthread_t t[N];
    for (intptr_t i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    printf("%ld %ld\n", first, third);
    return 0;
}
