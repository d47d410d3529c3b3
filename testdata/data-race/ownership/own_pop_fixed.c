/*
 * own_pop_fixed.c - objects moved through lock-protected queues: a worker
 * that unlinks a job from the queue under the queue's lock owns it until
 * it hands it on.
 * - workers pop jobs from `pending` (head taken and replaced under
 *   `qlock`), compute into the job without the lock, then push it on
 *   `finished` under `dlock`;
 * - the collector takes finished jobs out of the middle of the list
 *   (`*prior = job->next`, as pigz's write thread does) and reads them;
 * - conn_pop() is a pop function (memcached's cq_pop()): lock, take the
 *   head if any, unlink it, unlock, return it; the dispatcher thread owns
 *   what it returns.
 *
 * TRUTH: no race. Every job is filled in by main before it is linked,
 * touched by one worker between its pop and its push, and read by the
 * collector after its pop; connections likewise.
 *
 * Known false alarm: a job's `next` is the link of both lists: read by a
 * worker under qlock while the job is on `pending`, written by the
 * collector under dlock (`*prior`, a neighbour's link) while it is on
 * `finished`. That the two periods never overlap follows from the moves
 * between the lists, which the rule does not follow for accesses made
 * during the pop itself (pigz's job lists share `next` the same way).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct job {
    int seq, in, out;
    struct job *next;
};

static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER, dlock = PTHREAD_MUTEX_INITIALIZER;
static struct job *pending, *finished;
static int stop;

static void *worker(void *arg)
{
    for (;;) {
        pthread_mutex_lock(&qlock);
        struct job *j = pending;
        if (j == NULL) {
            int done = stop;
            pthread_mutex_unlock(&qlock);
            if (done)
                break;
            continue;
        }
        pending = j->next;
        pthread_mutex_unlock(&qlock);
        j->out = j->in * 2;
        pthread_mutex_lock(&dlock);
        j->next = finished;
        finished = j;
        pthread_mutex_unlock(&dlock);
    }
    return arg;
}

static void *collector(void *arg)
{
    long sum = 0;
    for (int want = 0; want < 10;) {
        pthread_mutex_lock(&dlock);
        struct job **prior = &finished, *job;
        while ((job = *prior) != NULL && job->seq != want)
            prior = &job->next;
        if (job != NULL)
            *prior = job->next; // known-false-alarm: data-race '*prior'
        pthread_mutex_unlock(&dlock);
        if (job == NULL)
            continue;
        sum += job->out;
        job->out = 0;
        free(job);
        want++;
    }
    printf("%ld\n", sum);
    return arg;
}

struct conn {
    int fd;
    long served;
    struct conn *next;
};

static pthread_mutex_t cq_lock = PTHREAD_MUTEX_INITIALIZER;
static struct conn *cq_head, *cq_tail;

static struct conn *conn_pop(void)
{
    pthread_mutex_lock(&cq_lock);
    struct conn *item = cq_head;
    if (item != NULL) {
        cq_head = item->next;
        if (cq_head == NULL)
            cq_tail = NULL;
    }
    pthread_mutex_unlock(&cq_lock);
    return item;
}

static void *dispatcher(void *arg)
{
    struct conn *c;
    while ((c = conn_pop()) != NULL) {
        c->served++;
        printf("%d %ld\n", c->fd, c->served);
        free(c);
    }
    return arg;
}

int main(void)
{
    pthread_t w[3], col, dis;
    for (int i = 0; i < 3; i++)
        pthread_create(&w[i], NULL, worker, NULL);
    pthread_create(&col, NULL, collector, NULL);
    for (int i = 0; i < 10; i++) {
        struct job *j = malloc(sizeof *j);
        if (j == NULL)
            abort();
        j->seq = i;
        j->in = i;
        j->out = 0;
        pthread_mutex_lock(&qlock);
        j->next = pending;
        pending = j;
        pthread_mutex_unlock(&qlock);
    }
    for (int i = 0; i < 4; i++) {
        struct conn *c = malloc(sizeof *c);
        if (c == NULL)
            abort();
        c->fd = i;
        c->served = 0;
        c->next = NULL;
        pthread_mutex_lock(&cq_lock);
        if (cq_tail)
            cq_tail->next = c;
        else
            cq_head = c;
        cq_tail = c;
        pthread_mutex_unlock(&cq_lock);
    }
    pthread_create(&dis, NULL, dispatcher, NULL);
    pthread_mutex_lock(&qlock);
    stop = 1;
    pthread_mutex_unlock(&qlock);
    for (int i = 0; i < 3; i++)
        pthread_join(w[i], NULL);
    pthread_join(col, NULL);
    pthread_join(dis, NULL);
    return 0;
}
