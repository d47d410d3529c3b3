/*
 * perthread_slot_ptr_racy.c - pointers to slots that are not each
 * worker's own: the next worker's slot (`&accs[id + 1]`), a neighbour
 * reached through the own slot's address (`mine[1]`), and a pointer set
 * to the own slot and then to slot 0.
 * Ledger: `p->n = 1` is made while p still points to the own slot (a
 * false alarm: the pointer assigned twice is not tracked by place, and
 * points-to is flow-insensitive).
 */
#include <pthread.h>
#include <stdint.h>

#define T 4

struct acc { _Alignas(64) long sum; long n; };

static struct acc next[T + 1], near[T + 1], moved[T];

static void *worker(void *arg) {
    long id = (long)(intptr_t)arg;
    struct acc *nx = &next[id + 1];
    nx->sum += 1; // expect: data-race 'nx->sum'
    struct acc *mine = &near[id];
    mine[1].n += 1; // expect: data-race 'mine[1].n'
    struct acc *p = &moved[id];
    p->n = 1; // known-false-alarm: data-race 'p->n'
    p = &moved[0];
    p->sum += 1; // expect: data-race 'p->sum'
    return NULL;
}

int main(void) {
    pthread_t t[T];
    for (long i = 0; i < T; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < T; i++) pthread_join(t[i], NULL);
    return (int)(next[1].sum + near[1].n + moved[0].sum);
}
