// expect-no-findings
/*
 * own_moved_out_fixed.c - a producer queues a job it allocated and then
 * clears its own pointer (`job = NULL`): the job now belongs to the
 * queue. On the path where the queue was full it keeps the job, and one
 * `free(job)` after the critical section serves both paths (free(NULL)
 * does nothing). The same with a helper that hands the job to a
 * mailbox slot and clears the local, then touches the job only if it
 * was not handed over.
 *
 * TRUTH: no race: after the hand-over the producer touches the job only
 * through a pointer that is NULL on that path; the worker owns it.
 */
#include <pthread.h>
#include <stdlib.h>

struct job {
    int id;
    int payload;
};

#define QCAP 4

static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_cv = PTHREAD_COND_INITIALIZER;
static struct job *queue[QCAP];
static struct job *mailbox;
static int q_n, q_done;

static void submit(int id)
{
    struct job *job = malloc(sizeof *job);
    if (!job)
        return;
    job->id = id;
    job->payload = id * 10;
    pthread_mutex_lock(&q_lock);
    if (q_n < QCAP) {
        queue[q_n++] = job;
        job = NULL;
    }
    pthread_cond_signal(&q_cv);
    pthread_mutex_unlock(&q_lock);
    free(job);
}

static void post(int id)
{
    struct job *job = malloc(sizeof *job);
    if (!job)
        return;
    job->payload = id;
    pthread_mutex_lock(&q_lock);
    if (!mailbox) {
        mailbox = job;
        job = NULL;
    }
    pthread_cond_signal(&q_cv);
    pthread_mutex_unlock(&q_lock);
    if (job) {
        job->payload = -1;
        free(job);
    }
}

static void *worker(void *arg)
{
    (void)arg;
    long sum = 0;
    for (;;) {
        pthread_mutex_lock(&q_lock);
        while (q_n == 0 && !mailbox && !q_done)
            pthread_cond_wait(&q_cv, &q_lock);
        struct job *j = NULL;
        if (mailbox) {
            j = mailbox;
            mailbox = NULL;
        } else if (q_n > 0) {
            j = queue[--q_n];
        }
        pthread_mutex_unlock(&q_lock);
        if (!j)
            break;
        sum += j->payload;
        free(j);
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t w;
    pthread_create(&w, NULL, worker, NULL);
    for (int i = 0; i < 5; i++) {
        submit(i);
        post(i);
    }
    pthread_mutex_lock(&q_lock);
    q_done = 1;
    pthread_cond_broadcast(&q_cv);
    pthread_mutex_unlock(&q_lock);
    pthread_join(w, NULL);
    return 0;
}
