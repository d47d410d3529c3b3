/*
 * own_queue_step_racy.c - array queues whose consumers do not take what
 * they use:
 *   - a worker peeks at queue[head] without stepping the cursor, so every
 *     worker may fill in the same item;
 *   - a worker steps the cursor after it released the lock.
 *
 * TRUTH: races on *slot (two workers, one item) and on next (stepped
 * without the lock) - and so on *job, which two workers may take.
 */
#include <pthread.h>

#define N 8
static int results[N];
static long totals[N];
static int *queue[N];
static long *jobs[N];
static int head, tail, next, last;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    int *slot = 0;
    pthread_mutex_lock(&mu);
    if (head < tail)
        slot = queue[head];
    pthread_mutex_unlock(&mu);
    if (slot)
        *slot = 1; // expect: data-race '*slot'
    long *job = 0;
    pthread_mutex_lock(&mu);
    if (next < last)
        job = jobs[next];
    pthread_mutex_unlock(&mu);
    next++; // expect: data-race 'next'
    if (job)
        *job += 2; // expect: data-race '*job'
    return arg;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < N; i++) {
        queue[tail++] = &results[i];
        jobs[last++] = &totals[i];
    }
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], 0, worker, 0);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], 0);
    return results[0] + (int)totals[0];
}
