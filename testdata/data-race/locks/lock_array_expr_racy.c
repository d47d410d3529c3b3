/*
 * lock_array_expr_racy.c - the lock array of lock_array_expr_fixed.c, but
 * the data is indexed by other arithmetic than the lock: `m[(id + 1) % N]`
 * held over `counts[(id + 2) % N]`, and over `hits[(k + 1) % N]` after k
 * changed, and `m[j]` over `moved[j]` after j changed. An element chosen
 * by an expression pairs only with data indexed by the same arithmetic of
 * the same, unchanged, locals.
 *
 * TRUTH: racy: counts[(id + 2) % N] is also counts[j] of the worker whose
 * id is j, under m[j]; hits the same way (a known miss: a local of the
 * expression written between the lock and the access is not seen, as
 * for an expression; `m[j]` held, then `j = j + 1`, then `moved[j]` is
 * seen: the lock is no longer the element j names).
 */
#include <pthread.h>

#define N 4

static int counts[N], hits[N], moved[N];
static pthread_mutex_t m[N];

static void *worker(void *arg)
{
    long id = (long)arg;
    pthread_mutex_lock(&m[id]);
    counts[id]++; // expect: data-race 'counts[id]'
    hits[id]++;
    moved[id]++; // expect: data-race 'moved[id]'

    pthread_mutex_unlock(&m[id]);
    pthread_mutex_lock(&m[(id + 1) % N]);
    counts[(id + 2) % N]++; /* the race of the finding on counts */
    pthread_mutex_unlock(&m[(id + 1) % N]);
    long k = id;
    pthread_mutex_lock(&m[(k + 1) % N]);
    k = k + 1;
    hits[(k + 1) % N]++; // known-miss: data-race 'hits[id]'
    pthread_mutex_unlock(&m[(id + 1) % N]);
    long j = id % (N - 1);
    pthread_mutex_lock(&m[j]);
    j = j + 1;
    moved[j]++; /* m[j] was taken for the previous j */
    pthread_mutex_unlock(&m[j - 1]);
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
    return counts[0] + hits[0] + moved[0];
}
