// expect-no-findings
/*
 * cv_retest_fixed.c - a wait under an `if` that tests the predicate, with
 * the predicate tested again after the wait before the data is used, under
 * the same lock (memcached's I/O threads): `if (queue == NULL) wait; if
 * (queue != NULL) { take it }`. A spurious wake-up finds the queue empty at
 * the second test and goes round the outer loop; the second test is what
 * the canonical `while` loop's re-check does.
 *
 * TRUTH: no finding: every wake-up re-tests `queue` before taking a job.
 * (PRECISION: the test after the wait must read the location the `if`
 * right before the wait tested; `if (queue == NULL && !stop)` guards the
 * wait by its test of `stop`.)
 */
#include <pthread.h>
#include <stddef.h>

struct job {
    struct job *next;
    int v;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static struct job *queue;
static int stop;

static void *io_thread(void *arg)
{
    long sum = 0;
    for (;;) {
        struct job *batch = NULL;
        pthread_mutex_lock(&mu);
        if (queue == NULL)
            pthread_cond_wait(&cv, &mu);
        if (queue != NULL) {
            batch = queue;
            queue = batch->next;
        }
        int done = stop;
        pthread_mutex_unlock(&mu);
        if (batch)
            sum += batch->v;
        if (done)
            break;
    }
    return (void *)sum;
}

int main(void)
{
    static struct job j = {NULL, 3};
    pthread_t t;
    pthread_create(&t, NULL, io_thread, NULL);
    pthread_mutex_lock(&mu);
    j.next = queue;
    queue = &j;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    pthread_mutex_lock(&mu);
    stop = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    return 0;
}
