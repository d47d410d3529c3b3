/*
 * claim_index_racy.c - claims misused: a neighbour's slot (`out[i + 1]` is
 * not a claimed value), slots indexed by claims from two different
 * counters, and a counter reset by an atomic store while the workers claim
 * (a value can be handed out twice: its claims are not distinct).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define N 64
#define WORKERS 4

static atomic_size_t next, other, rewound;
static long out[N], mixed[N], again[N];

static void *worker(void *arg)
{
    (void)arg;
    size_t i;
    while ((i = atomic_fetch_add(&next, 1)) < N - 1) {
        out[i] = 1; // expect: data-race 'out[i]'
        out[i + 1] = 2;
    }
    size_t a = atomic_fetch_add(&next, 1), b = atomic_fetch_add(&other, 1);
    if (a < N) mixed[a] = 1; // expect: data-race 'mixed[a]'
    if (b < N) mixed[b] = 2;
    size_t r = atomic_fetch_add(&rewound, 1);
    if (r < N) again[r]++; // expect: data-race 'again[r]'
    if (r == N / 2) atomic_store(&rewound, 0);
    return NULL;
}

int main(void)
{
    pthread_t t[WORKERS];
    for (int w = 0; w < WORKERS; w++) pthread_create(&t[w], NULL, worker, NULL);
    for (int w = 0; w < WORKERS; w++) pthread_join(t[w], NULL);
    printf("%ld %ld %ld\n", out[1], mixed[0], again[0]);
    return 0;
}
