/*
 * lock_helper_racy.c - a helper that updates shared statistics locks the
 * struct's mutex on its main path but forgets to on the early-return path for
 * errors.
 *
 * Workers call record() with both negative and non-negative values, so both
 * paths run. On the error path s->count is written without s->m; on the
 * other path under s->m. The unlocked write races with the locked ones and
 * with itself in other instances; being first in file order it is the
 * primary location. s->sum is only written under s->m: no race.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 10000

struct stats {
    pthread_mutex_t m;
    long count;
    long sum;
};

static struct stats stats = { PTHREAD_MUTEX_INITIALIZER, 0, 0 };

static void record(struct stats *s, int value)
{
    if (value < 0) {
        s->count++; // expect: data-race 'count'
        return;
    }
    pthread_mutex_lock(&s->m);
    s->count++;
    s->sum += value;
    pthread_mutex_unlock(&s->m);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++)
        record(&stats, k % 10 == 0 ? -1 : k);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    int i;

    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%ld samples, sum %ld\n", stats.count, stats.sum);
    return 0;
}
