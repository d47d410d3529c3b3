/*
 * index_local_affine_racy.c - instances whose local index or chunk bound
 * overlaps a neighbour's:
 *   - `int k = id + 1; pairs[k] = ..; pairs[k - 1] = ..;`: instance id
 *     writes pairs[id] and pairs[id + 1], the next one pairs[id + 1] too;
 *   - chunks of CH elements, each loop running one past its chunk
 *     (`i <= (id + 1) * CH`) with CH a `static const` global;
 *   - `int m = id / 2;`: two instances share each element.
 *
 * TRUTH: races on pairs[k], on data[i] and on halves[m].
 */
#include <pthread.h>

#define NT 4
static const int CH = 16;
static int pairs[NT + 1], halves[NT];
static long data[NT * 16 + 1];

static void *work(void *arg)
{
    int id = (int)(long)arg;
    int k = id + 1;
    pairs[k] = id; // expect: data-race 'pairs[k]'
    pairs[k - 1] = -id;
    for (int i = id * CH; i <= (id + 1) * CH; i++)
        data[i] = (long)i * i; // expect: data-race 'data[i]'
    int m = id / 2;
    halves[m] += id; // expect: data-race 'halves[m]'
    return 0;
}

int main(void)
{
    pthread_t t[NT];
    for (long i = 0; i < NT; i++)
        pthread_create(&t[i], 0, work, (void *)i);
    for (int i = 0; i < NT; i++)
        pthread_join(t[i], 0);
    return pairs[1] + (int)data[NT * 16] + halves[0];
}
