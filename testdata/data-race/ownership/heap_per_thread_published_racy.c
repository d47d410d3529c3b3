/*
 * heap_per_thread_published_racy.c - each thread gets its own slot allocated
 * in the create loop, but the slots are also published in a global table and
 * every worker adds to its neighbour's slot through that table.
 *
 * TRUTH: race on `total`: worker k writes slot k+1's total while worker k+1
 * writes its own. The per-instance rule must not apply to objects reachable
 * from a global.
 */
#include <pthread.h>
#include <stdlib.h>

#define N 4

struct slot {
    int id;
    long total;
};

static struct slot *slots[N];

static void *worker(void *arg) {
    struct slot *s = arg;
    s->total += 1; // expect: data-race 'total'
    slots[(s->id + 1) % N]->total += 1;
    return NULL;
}

int main(void) {
    pthread_t t[N];
    for (int i = 0; i < N; i++)
        slots[i] = calloc(1, sizeof *slots[i]);
    for (int i = 0; i < N; i++)
        slots[i]->id = i;
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, slots[i]);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return 0;
}
