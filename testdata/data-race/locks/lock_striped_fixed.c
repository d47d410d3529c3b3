// expect-no-findings
/*
 * lock_striped_fixed.c - a word-count table striped by hash: locks[h] protects
 * counts[h]. Counting workers lock the bucket of each word; a janitor thread
 * resets the table bucket by bucket, taking each bucket's own lock.
 *
 * TRUTH: no race. Every access of counts[h] holds locks[h] for the same h
 * (the counters through add_word's h, the janitor through its loop index).
 * The locks are initialised before the first create; main reads counts[]
 * after the joins.
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
    counts[h]++;
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
    for (unsigned h = 0; h < NB; h++) {
        pthread_mutex_lock(&locks[h]);
        counts[h] = 0;
        pthread_mutex_unlock(&locks[h]);
    }
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
