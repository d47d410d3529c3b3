/*
 * lock_array_expr_racy.c - the lock array of lock_array_expr_fixed.c, but
 * the data is indexed by other arithmetic than the lock: `m[(id + 1) % N]`
 * held over `counts[(id + 2) % N]`, and over `hits[(k + 1) % N]` after k
 * changed. An element chosen by an expression pairs only with data
 * indexed by the same arithmetic of the same, unchanged, locals.
 *
 * TRUTH: racy: counts[(id + 2) % N] is also counts[j] of the worker whose
 * id is j, under m[j]; hits the same way (a known miss: a local of the
 * expression written between the lock and the access is not seen, as
 * for `locks[k]; k++; data[k]`).
 */
#include <pthread.h>

#define N 4

static int counts[N], hits[N];
static pthread_mutex_t m[N];

static void *worker(void *arg)
{
    long id = (long)arg;
    pthread_mutex_lock(&m[id]);
    counts[id]++; // expect: data-race 'counts[id]'
    hits[id]++;
    pthread_mutex_unlock(&m[id]);
    pthread_mutex_lock(&m[(id + 1) % N]);
    counts[(id + 2) % N]++; /* the race of the finding on counts */
    pthread_mutex_unlock(&m[(id + 1) % N]);
    long k = id;
    pthread_mutex_lock(&m[(k + 1) % N]);
    k = k + 1;
    hits[(k + 1) % N]++; // known-miss: data-race 'hits[id]'
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
    return counts[0] + hits[0];
}
