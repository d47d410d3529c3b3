/*
 * own_stack_sentinel_racy.c - as own_stack_sentinel_fixed.c, but the
 * frame's job is touched after its address is published:
 * - stop_workers() resets the sentinel's sequence number after the push,
 *   while a worker may be reading it;
 * - ping_workers() keeps one probe job in its frame across a loop: the
 *   probe pushed in one round is still on the queue (or being read) when
 *   the next round writes it again, before pushing it anew.
 *
 * TRUTH: three races, each a write of the frame's job after its address
 * reached the queue against a worker's read of it under the lock (the
 * probe's two fields, the sentinel's sequence number); and the probe's
 * address outlives ping_workers()'s frame on the queue (stack-escape).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct job {
    long seq;
    struct job *next;
};

static pthread_mutex_t have = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t more = PTHREAD_COND_INITIALIZER;
static struct job *head, **tail = &head;
static long done;

static void *worker(void *arg)
{
    for (;;) {
        pthread_mutex_lock(&have);
        while (head == NULL)
            pthread_cond_wait(&more, &have);
        struct job *job = head;
        if (job->seq == -1) {
            pthread_mutex_unlock(&have);
            break;
        }
        head = job->next;
        if (head == NULL)
            tail = &head;
        done += job->seq;
        pthread_mutex_unlock(&have);
    }
    return arg;
}

static void push(struct job *job)
{
    pthread_mutex_lock(&have);
    *tail = job; // expect: stack-escape 'probe'
    tail = &job->next;
    pthread_cond_signal(&more);
    pthread_mutex_unlock(&have);
}

static void ping_workers(void)
{
    struct job probe;
    for (long round = 1; round <= 3; round++) {
        probe.seq = round; // expect: data-race 'probe.seq'
        probe.next = NULL; // expect: data-race 'probe.next'
        push(&probe);
    }
}

static void stop_workers(pthread_t *t, int n)
{
    struct job job;
    job.seq = -1;
    job.next = NULL;
    pthread_mutex_lock(&have);
    *tail = &job;
    tail = &job.next;
    pthread_cond_broadcast(&more);
    pthread_mutex_unlock(&have);
    job.seq = -2; // expect: data-race 'job.seq'
    for (int i = 0; i < n; i++)
        pthread_join(t[i], NULL);
}

int main(void)
{
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    ping_workers();
    stop_workers(t, 3);
    printf("%ld\n", done);
    return 0;
}
