/*
 * index_offset_racy.c - each worker fills its own slice of a shared array,
 * written as an offset from the slice's start: `a[id * PER + k]` with k
 * from 0 to PER - 1 (index_slices_fixed.c writes the same slices with a
 * counter running over the slice's bounds, `for (k = id * PER; k < (id +
 * 1) * PER; k++) a[k]`).
 *
 * TRUTH: no race on slots[] (the slices are disjoint), but the lowering
 * keeps no arithmetic in an index step, so the slice is not seen: a known
 * false alarm. The shared `filled` count, updated by every worker without
 * a lock, races.
 */
#include <pthread.h>
#include <stdint.h>

#define N 4
#define PER 8

static long slots[N * PER];
static long filled;

static void *worker(void *arg)
{
    long id = (long)(intptr_t)arg;
    for (int k = 0; k < PER; k++)
        slots[id * PER + k] = id + k; // known-false-alarm: data-race 'slots[?]'
    filled += PER; // expect: data-race 'filled'
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return slots[0] + filled > 0 ? 0 : 1;
}
