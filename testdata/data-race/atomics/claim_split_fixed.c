// expect-no-findings
/*
 * claim_split_fixed.c - indices taken from a counter under a lock, the
 * read and the step written as two statements of one critical section:
 *   - `s = next; next = s + 1;`
 *   - `t = tail; tail++;`
 *   - `k = used; used = used + 2;` (a step of two: every other slot)
 *   - a helper that takes the index (`s = top++`) and returns it to the
 *     worker, which fills that element without the lock.
 *
 * TRUTH: no race: each counter is only ever stepped up, read and step
 * under one lock with nothing between, so no two takes give the same
 * index; main reads after the joins.
 */
#include <pthread.h>

#define N 64

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int next, tail, used, top;
static int slots[N], ring[N], pairs[2 * N], stack[N];

static int take_top(void)
{
    int s;
    pthread_mutex_lock(&m);
    s = top++;
    pthread_mutex_unlock(&m);
    return s;
}

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    int s, t, k;

    pthread_mutex_lock(&m);
    s = next;
    next = s + 1;
    pthread_mutex_unlock(&m);
    if (s < N)
        slots[s] = id;

    pthread_mutex_lock(&m);
    t = tail;
    tail++;
    pthread_mutex_unlock(&m);
    if (t < N)
        ring[t] = id;

    pthread_mutex_lock(&m);
    k = used;
    used = used + 2;
    pthread_mutex_unlock(&m);
    if (k < 2 * N)
        pairs[k] = id;

    int u = take_top();
    if (u < N)
        stack[u] = id;
    return NULL;
}

int main(void)
{
    pthread_t th[4];
    for (long i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    return slots[0] + ring[0] + pairs[0] + stack[0];
}
