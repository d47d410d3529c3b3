// expect-no-findings
/*
 * fnptr_ring_pool_fixed.c - a hand-written thread pool: tasks {fn, arg} go
 * into a bounded ring under qlock; N workers wait for tasks (condition
 * variable, while loop), copy one out under qlock and call task.fn(task.arg)
 * without it. Two task functions, count_hit and add_bytes, both update the
 * global stats_total, each under stats_lock.
 *
 * TRUTH: no race. The ring and its indices are accessed under qlock only;
 * stats_total is accessed under stats_lock only, from whichever worker runs
 * the task. main reads stats_total after joining the workers.
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
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long stats_total;

static void count_hit(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&stats_lock);
    stats_total += 1;
    pthread_mutex_unlock(&stats_lock);
}

static void add_bytes(void *arg)
{
    pthread_mutex_lock(&stats_lock);
    stats_total += (long)(intptr_t)arg;
    pthread_mutex_unlock(&stats_lock);
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
