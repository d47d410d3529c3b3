/*
 * claim_split_racy.c - indices read and stepped in two statements that do
 * not make one step:
 *   - `next` is read in one critical section and stepped in another: two
 *     workers may read the same value before either steps it;
 *   - `tail` is read and stepped with no lock at all;
 *   - `top` is taken by a helper that returns 0 when the stack is full,
 *     so two workers may both get 0.
 *
 * TRUTH: races on slots[] (two takes of one index; the split update of
 * `next` is also a lost update), on tail (the counter itself, read and
 * written unlocked) and so on ring[] (two workers may read one value of
 * tail: a counter whose steps race hands out no claims), and on stack[]
 * (the helper's second return is no claim).
 */
#include <pthread.h>

#define N 64

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int next, tail, top;
static int slots[N], ring[N], stack[N];

static int take_top(void)
{
    int s;
    pthread_mutex_lock(&m);
    if (top >= N) {
        pthread_mutex_unlock(&m);
        return 0;
    }
    s = top++;
    pthread_mutex_unlock(&m);
    return s;
}

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    int s, t;

    pthread_mutex_lock(&m);
    s = next; // expect: atomicity-violation 'next'
    pthread_mutex_unlock(&m);
    pthread_mutex_lock(&m);
    next = s + 1;
    pthread_mutex_unlock(&m);
    if (s < N)
        slots[s] = id; // expect: data-race 'slots[s]'

    t = tail;
    tail = t + 1; // expect: data-race 'tail'
    if (t < N)
        ring[t] = id; // expect: data-race 'ring[t]'

    int u = take_top();
    stack[u] = id; // expect: data-race 'stack[u]'
    return NULL;
}

int main(void)
{
    pthread_t th[4];
    for (long i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    return slots[0] + ring[0] + stack[0];
}
