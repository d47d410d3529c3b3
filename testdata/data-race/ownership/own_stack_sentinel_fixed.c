// expect-no-findings
/*
 * own_stack_sentinel_fixed.c - the shutdown of a work queue (pigz's
 * finish_jobs()): stop_workers() fills a sentinel job in its own frame,
 * pushes its address on the queue under the queue's lock, and joins the
 * workers before it returns. A worker that pops the sentinel reads its
 * fields under the lock and stops.
 *
 * TRUTH: no race. The sentinel's fields are written before its address is
 * published (the push); until then no other thread can reach this frame's
 * job. After the push stop_workers does not touch it again.
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
        done++;
        pthread_mutex_unlock(&have);
        free(job);
    }
    return arg;
}

static void submit(long seq)
{
    struct job *job = malloc(sizeof *job);
    if (job == NULL)
        abort();
    job->seq = seq;
    job->next = NULL;
    pthread_mutex_lock(&have);
    *tail = job;
    tail = &job->next;
    pthread_cond_signal(&more);
    pthread_mutex_unlock(&have);
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
    for (int i = 0; i < n; i++)
        pthread_join(t[i], NULL);
}

int main(void)
{
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (long s = 0; s < 10; s++)
        submit(s);
    stop_workers(t, 3);
    printf("%ld\n", done);
    return 0;
}
