// expect-no-findings
/*
 * own_queue_step_fixed.c - workers take pointers off an array queue under
 * a mutex, stepping the cursor in place (`head++`, or `next += 1` for the
 * second queue), and fill in the item they took without the lock.
 *
 * TRUTH: no race: the cursor is read and stepped under the mutex, so each
 * slot's item is taken by one worker; main reads after the joins.
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
    for (;;) {
        int *slot = 0;
        pthread_mutex_lock(&mu);
        if (head < tail) {
            slot = queue[head];
            head++;
        }
        pthread_mutex_unlock(&mu);
        if (!slot)
            break;
        *slot = 1;
    }
    for (;;) {
        long *job = 0;
        pthread_mutex_lock(&mu);
        if (next < last) {
            job = jobs[next];
            next += 1;
        }
        pthread_mutex_unlock(&mu);
        if (!job)
            break;
        *job += 2;
    }
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
