/*
 * path_flag_assigned_racy.c - constants in locals that do not say what
 * path_flag_assigned_fixed.c relies on:
 * - `locked` is set to 1 on a path that did not take the lock;
 * - the poll loop starts with d = 1, so main may skip it and read data[]
 *   before the producer is done.
 *
 * TRUTH: races on x (the path that sets locked without locking) and on
 * data[] (main's read when the loop is skipped).
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long x;
static int data[16];
static int done;

static void *counter(void *arg)
{
    for (int i = 0; i < 100; i++) {
        int locked = 0, took = 0;
        if (i % 3) {
            pthread_mutex_lock(&m);
            locked = 1;
            took = 1;
        } else if (i % 5 == 0) {
            locked = 1;
        }
        if (locked) {
            x++; // expect: data-race 'x'
            if (took)
                pthread_mutex_unlock(&m);
        }
    }
    return arg;
}

static void *producer(void *arg)
{
    for (int i = 0; i < 16; i++)
        data[i] = i; // expect: data-race 'data[i]'
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
    int d = 1;
    while (!d) {
        pthread_mutex_lock(&m);
        d = done;
        pthread_mutex_unlock(&m);
    }
    int s = 0;
    for (int i = 0; i < 16; i++)
        s += data[i];
    pthread_join(p, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return s + (int)x;
}
