/*
 * claim_locked_racy.c - counters stepped under a lock that do not hand
 * out distinct indices:
 * - `next` is also reset to 0 by a worker that finishes a round, so two
 *   workers may take the same index again;
 * - `pos` is stepped up by some workers and down by others;
 * - `slot` is claimed, but the element written is slot / 2.
 *
 * TRUTH: races on squares[] (a reset counter), on marks[] (a counter
 * stepped both ways) and on halves[] (two claims, one element).
 */
#include <pthread.h>

#define N 64

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int next, pos = N / 2, slot;
static long squares[N], marks[N], halves[N];

static void *worker(void *arg)
{
    long up = (long)arg;
    for (int round = 0; round < 2; round++) {
        for (;;) {
            pthread_mutex_lock(&lock);
            int i = next < N ? next++ : -1;
            pthread_mutex_unlock(&lock);
            if (i < 0)
                break;
            squares[i] = (long)i * i; // expect: data-race 'squares[i]'
        }
        pthread_mutex_lock(&lock);
        next = 0;
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    int k = up ? pos++ : pos--;
    pthread_mutex_unlock(&lock);
    if (k >= 0 && k < N)
        marks[k] = up; // expect: data-race 'marks[k]'
    pthread_mutex_lock(&lock);
    int s = slot++;
    pthread_mutex_unlock(&lock);
    if (s < 2 * N)
        halves[s / 2] = s; // expect: data-race 'halves[?]'
    return arg;
}

int main(void)
{
    pthread_t t[4];
    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, (void *)(i & 1));
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
