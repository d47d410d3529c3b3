/*
 * own_moved_out_racy.c - own_moved_out_fixed.c's producers, each with the
 * clearing of its pointer in the wrong place: submit() clears it only on
 * the path where the queue was full, so after queueing the job it frees
 * the job the worker now owns; post() clears a copy instead of the
 * pointer it goes on to use.
 *
 * TRUTH: races between the producers' writes (free is one) and the
 * worker's reads of the jobs it took.
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
static int q_n, q_done;

static void submit(int id)
{
    struct job *job = malloc(sizeof *job);
    if (!job)
        return;
    job->payload = id * 10;
    pthread_mutex_lock(&q_lock);
    if (q_n < QCAP)
        queue[q_n++] = job;
    else
        job = NULL;
    pthread_cond_signal(&q_cv);
    pthread_mutex_unlock(&q_lock);
    free(job); // expect: data-race '*job'
}

static void post(int id)
{
    struct job *job = malloc(sizeof *job);
    if (!job)
        return;
    job->payload = id;
    struct job *copy = job;
    pthread_mutex_lock(&q_lock);
    if (q_n < QCAP) {
        queue[q_n++] = job;
        copy = NULL;
    }
    pthread_cond_signal(&q_cv);
    pthread_mutex_unlock(&q_lock);
    if (copy)
        free(copy);
    job->id = id; // expect: data-race 'job->id'
}

static void *worker(void *arg)
{
    (void)arg;
    long sum = 0;
    for (;;) {
        pthread_mutex_lock(&q_lock);
        while (q_n == 0 && !q_done)
            pthread_cond_wait(&q_cv, &q_lock);
        if (q_n == 0) {
            pthread_mutex_unlock(&q_lock);
            break;
        }
        struct job *j = queue[--q_n];
        pthread_mutex_unlock(&q_lock);
        sum += j->payload + j->id;
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
