/*
 * cv_retest_racy.c - the `if (!pred) wait` of cv_retest_fixed.c, but
 * after the wait the job is taken without testing the queue again: a
 * spurious wake-up (or a signal another consumer consumed) dereferences
 * an empty queue. The test after the wait must read the same location as
 * the one that guarded the wait; a test of something else (`if (stop)`)
 * is no re-check.
 *
 * TRUTH: one finding per wait.
 */
#include <pthread.h>
#include <stddef.h>

struct job {
    struct job *next;
    int v;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER, cv2 = PTHREAD_COND_INITIALIZER;
static struct job *queue;
static int stop;

static void *io_thread(void *arg)
{
    long sum = 0;
    pthread_mutex_lock(&mu);
    if (queue == NULL)
        pthread_cond_wait(&cv, &mu); // expect: condvar-wait-not-in-loop 'cv'
    struct job *batch = queue;
    queue = batch->next;
    sum += batch->v;
    if (queue == NULL)
        pthread_cond_wait(&cv2, &mu); // expect: condvar-wait-not-in-loop 'cv2'
    if (!stop)
        sum += queue->v;
    pthread_mutex_unlock(&mu);
    return (void *)sum;
}

int main(void)
{
    static struct job j = {NULL, 3}, k = {NULL, 4};
    pthread_t t;
    pthread_create(&t, NULL, io_thread, NULL);
    pthread_mutex_lock(&mu);
    j.next = &k;
    queue = &j;
    stop = 1;
    pthread_cond_broadcast(&cv);
    pthread_cond_broadcast(&cv2);
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    return 0;
}
