// expect-no-findings
/*
 * wrapper_spawn_fixed.c - a project's own thread-start and lock helpers that
 * only forward their parameters to pthread_create, pthread_join and
 * pthread_mutex_lock/unlock.
 *
 * racecheck recognises start_thread, join_thread, lock and unlock as
 * wrappers (spawn, join, lock, unlock models of their own; see
 * --list-models), so each call of start_thread is its own spawn site with
 * its own routine and handle, and join_thread(t) joins that thread. Without
 * that, the one pthread_create inside start_thread would merge both
 * routines and both handles, the threads could never be joined, and main's
 * reads at the end would be reported. Here: producer and consumer access
 * `queue_len` only under `queue_lock` (through the helpers), and main reads
 * the results after joining both.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static int queue_len;
static int produced, consumed;

static int start_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
    int rc = pthread_create(t, NULL, fn, arg);
    if (rc) {
        perror("pthread_create");
        abort();
    }
    return rc;
}

static void join_thread(pthread_t t)
{
    if (pthread_join(t, NULL) != 0)
        abort();
}

static void lock(pthread_mutex_t *m)
{
    if (pthread_mutex_lock(m) != 0)
        abort();
}

static void unlock(pthread_mutex_t *m)
{
    pthread_mutex_unlock(m);
}

static void *producer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        lock(&queue_lock);
        queue_len++;
        unlock(&queue_lock);
    }
    produced = 100;
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    int n = 0;
    while (n < 100) {
        lock(&queue_lock);
        if (queue_len > 0) {
            queue_len--;
            n++;
        }
        unlock(&queue_lock);
    }
    consumed = n;
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    start_thread(&p, producer, NULL);
    start_thread(&c, consumer, NULL);
    join_thread(p);
    join_thread(c);
    printf("%d %d %d\n", produced, consumed, queue_len);
    return 0;
}
