// expect-no-findings
/*
 * path_flag_assigned_fixed.c - facts about locals that hold constants:
 * - the `locked` idiom: a local set to 1 where the lock is taken and to 0
 *   where it is not, tested before the access and the unlock;
 * - a poll loop `int d = 0; while (!d) { lock; d = done; unlock; }` whose
 *   first test cannot leave the loop (d is 0 there): main leaves it only
 *   having read done set under the lock, after the worker's writes.
 *
 * TRUTH: no race: x is touched only where `locked` says the lock is held;
 * data[] is written before done is set, read after it was seen set.
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long x;
static int data[16];
static int done;

static void *counter(void *arg)
{
    for (int i = 0; i < 100; i++) {
        int locked = 0;
        if (i % 3) {
            pthread_mutex_lock(&m);
            locked = 1;
        }
        if (locked) {
            x++;
            pthread_mutex_unlock(&m);
        }
    }
    return arg;
}

static void *producer(void *arg)
{
    for (int i = 0; i < 16; i++)
        data[i] = i;
    pthread_mutex_lock(&m);
    done = 1;
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t t[2], p;
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, counter, NULL);
    pthread_create(&p, NULL, producer, NULL);
    int d = 0;
    while (!d) {
        pthread_mutex_lock(&m);
        d = done;
        pthread_mutex_unlock(&m);
    }
    int s = 0;
    for (int i = 0; i < 16; i++)
        s += data[i];
    pthread_detach(p);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return s + (int)x;
}
