// expect-no-findings
/*
 * index_local_affine_fixed.c - instances that compute their element into
 * a local first (`int k = 2 * id; pairs[k] = ..; pairs[k + 1] = ..;`), and
 * chunked loops whose chunk size is a `static const` global rather than a
 * macro (`for (i = id * CH; i < (id + 1) * CH; i++)`).
 *
 * TRUTH: no race: instance id writes pairs[2id] and pairs[2id + 1] only,
 * and its own chunk of data[]; main reads after the joins.
 */
#include <pthread.h>

#define NT 4
static const int CH = 16;
static int pairs[2 * NT];
static long data[NT * 16];

static void *work(void *arg)
{
    int id = (int)(long)arg;
    int k = 2 * id;
    pairs[k] = id;
    pairs[k + 1] = -id;
    for (int i = id * CH; i < (id + 1) * CH; i++)
        data[i] = (long)i * i;
    return 0;
}

int main(void)
{
    pthread_t t[NT];
    for (long i = 0; i < NT; i++)
        pthread_create(&t[i], 0, work, (void *)i);
    for (int i = 0; i < NT; i++)
        pthread_join(t[i], 0);
    return pairs[1] + (int)data[NT * 16 - 1];
}
