// expect-no-findings
/*
 * claim_locked_fixed.c - work handed out by a counter stepped under a
 * lock: each worker takes the next index while holding `lock` (`i =
 * next++`, also as a conditional `next < N ? next++ : -1`, or `i =
 * --left` counting down) and fills that element of the output without the
 * lock.
 *
 * TRUTH: no race: the counters are only ever stepped one way, under the
 * lock, so no two takes give the same index; main reads after the joins.
 */
#include <pthread.h>

#define N 64

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int next, left = N;
static long squares[N], cubes[N];

static void *worker(void *arg)
{
    for (;;) {
        pthread_mutex_lock(&lock);
        int i = next < N ? next++ : -1;
        pthread_mutex_unlock(&lock);
        if (i < 0)
            break;
        squares[i] = (long)i * i;
    }
    for (;;) {
        pthread_mutex_lock(&lock);
        int j = --left;
        pthread_mutex_unlock(&lock);
        if (j < 0)
            break;
        cubes[j] = (long)j * j * j;
    }
    return arg;
}

int main(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    long sum = 0;
    for (int i = 0; i < N; i++)
        sum += squares[i] + cubes[i];
    return sum > 0 ? 0 : 1;
}
