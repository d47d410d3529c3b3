// expect-no-findings
/*
 * lock_array_expr_fixed.c - an element of a lock array chosen by an
 * arithmetic expression (`m[(id + 1) % N]`), held over data indexed by the
 * same expression (`counts[(id + 1) % N]`), beside the instance's own
 * element under its own lock (`m[id]` over `counts[id]`). The same
 * arithmetic over the same unchanged locals names the same element for the
 * lock and the data; where two accesses meet on one element they hold its
 * one lock.
 *
 * TRUTH: no race: counts[k] is only touched holding m[k].
 */
#include <pthread.h>

#define N 4

static int counts[N];
static pthread_mutex_t m[N];

static void *worker(void *arg)
{
    long id = (long)arg;
    pthread_mutex_lock(&m[id]);
    counts[id]++;
    pthread_mutex_unlock(&m[id]);
    pthread_mutex_lock(&m[(id + 1) % N]);
    counts[(id + 1) % N]++;
    pthread_mutex_unlock(&m[(id + 1) % N]);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (int i = 0; i < N; i++)
        pthread_mutex_init(&m[i], NULL);
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return counts[0];
}
