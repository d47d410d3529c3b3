/*
 * wrapper_spawn_racy.c - wrapper_spawn_fixed.c where main reads `produced`
 * before joining the producer, and the consumer updates queue_len without
 * the lock.
 *
 * The wrappers are recognised (see wrapper_spawn_fixed.c), so the threads
 * are distinct and joinable: main's read of `produced` between
 * start_thread and join_thread races with the producer's write (the first
 * write in file order is the producer's); the consumer's unlocked
 * queue_len-- races with the producer's locked queue_len++ (primary: the
 * producer's write, first in the file).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static int queue_len;
static int produced;

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
        queue_len++; // expect: data-race 'queue_len'
        unlock(&queue_lock);
    }
    produced = 100; // expect: data-race 'produced'
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    for (int n = 0; n < 100; n++)
        if (queue_len > 0)
            queue_len--;
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    start_thread(&p, producer, NULL);
    start_thread(&c, consumer, NULL);
    printf("%d\n", produced);
    join_thread(p);
    join_thread(c);
    return 0;
}
