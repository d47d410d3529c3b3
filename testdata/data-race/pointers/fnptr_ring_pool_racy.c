/*
 * fnptr_ring_pool_racy.c - as fnptr_ring_pool_fixed.c (a hand-written pool:
 * tasks {fn, arg} in a ring under qlock, N workers calling task.fn(task.arg)),
 * but the two task functions update stats_total without any lock.
 *
 * TRUTH: a race on stats_total: count_hit and add_bytes run in the pool's
 * workers, several at a time, and both write it unprotected (each also
 * races with itself). The first write in the file, count_hit's, is the
 * primary location. The ring is still accessed under qlock only.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 3
#define QSIZE 16

struct task {
    void (*fn)(void *);
    void *arg;
};

static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qcond = PTHREAD_COND_INITIALIZER;
static struct task ring[QSIZE];
static int head, count, closing;
static long stats_total;

static void count_hit(void *arg)
{
    (void)arg;
    stats_total += 1; // expect: data-race 'stats_total'
}

static void add_bytes(void *arg)
{
    stats_total += (long)(intptr_t)arg;
}

static void *pool_worker(void *unused)
{
    (void)unused;
    for (;;) {
        pthread_mutex_lock(&qlock);
        while (count == 0 && !closing)
            pthread_cond_wait(&qcond, &qlock);
        if (count == 0) {
            pthread_mutex_unlock(&qlock);
            return NULL;
        }
        struct task task = ring[head];
        head = (head + 1) % QSIZE;
        count--;
        pthread_mutex_unlock(&qlock);
        task.fn(task.arg);
    }
}

static void submit(void (*fn)(void *), void *arg)
{
    pthread_mutex_lock(&qlock);
    if (count < QSIZE) {
        ring[(head + count) % QSIZE] = (struct task){ fn, arg };
        count++;
        pthread_cond_signal(&qcond);
    }
    pthread_mutex_unlock(&qlock);
}

int main(void)
{
    pthread_t t[N];

    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, pool_worker, NULL);
    for (int k = 0; k < 6; k++) {
        submit(count_hit, NULL);
        submit(add_bytes, (void *)(intptr_t)(k * 100));
    }
    pthread_mutex_lock(&qlock);
    closing = 1;
    pthread_cond_broadcast(&qcond);
    pthread_mutex_unlock(&qlock);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("total %ld\n", stats_total);
    return 0;
}
