/*
 * lock_striped_racy.c - as lock_striped_fixed.c (locks[h] protects counts[h];
 * counters lock the bucket of each word), but the janitor takes locks[0]
 * once and clears every bucket under it.
 *
 * TRUTH: a race on counts[]: the janitor's write of counts[h] for h != 0
 * holds locks[0], while a counter increments counts[h] holding locks[h].
 * Both writes are involved; the counters' increment comes first in the file
 * (primary location).
 */
#include <pthread.h>
#include <stdio.h>

#define NB 8
#define N 3

static pthread_mutex_t locks[NB];
static long counts[NB];
static const char *const words[] = { "alpha", "beta", "gamma", "delta", "beta", "alpha" };

static unsigned hash(const char *s)
{
    unsigned h = 5381;

    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

static void add_word(const char *w)
{
    unsigned h = hash(w) % NB;

    pthread_mutex_lock(&locks[h]);
    counts[h]++; // expect: data-race 'counts'
    pthread_mutex_unlock(&locks[h]);
}

static void *counter(void *arg)
{
    (void)arg;
    for (int round = 0; round < 100; round++)
        for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
            add_word(words[k]);
    return NULL;
}

static void *janitor(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&locks[0]); /* BUG: one stripe's lock for all */
    for (unsigned h = 0; h < NB; h++)
        counts[h] = 0;
    pthread_mutex_unlock(&locks[0]);
    return NULL;
}

int main(void)
{
    pthread_t t[N], j;

    for (int h = 0; h < NB; h++)
        pthread_mutex_init(&locks[h], NULL);
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, counter, NULL);
    pthread_create(&j, NULL, janitor, NULL);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    pthread_join(j, NULL);
    for (int h = 0; h < NB; h++)
        printf("bucket %d: %ld\n", h, counts[h]);
    return 0;
}
