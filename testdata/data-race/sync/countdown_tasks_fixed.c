// expect-no-findings
/*
 * countdown_tasks_fixed.c - a counter of tasks, not of threads: detached
 * workers take task indices under the lock (`i = next++`), write the
 * task's result, then count it done (`--pending`, signalling at 0); main
 * waits `while (pending > 0) pthread_cond_wait(..)` and reads every
 * result. A worker counts many times, once after each task. The second
 * kind of worker counts through a helper, task_done(), which counts on
 * every path.
 *
 * TRUTH: no race: every result is written before its task's count, and
 * main leaves the wait only after the last count.
 */
#include <pthread.h>

#define TASKS 32

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
static int next_task, pending = TASKS;
static long results[TASKS];
static long squares[TASKS];

static void task_done(void)
{
    pthread_mutex_lock(&m);
    if (--pending == 0)
        pthread_cond_signal(&all_done);
    pthread_mutex_unlock(&m);
}

static void *squarer(void *arg)
{
    for (;;) {
        pthread_mutex_lock(&m);
        int i = next_task < TASKS ? next_task++ : -1;
        pthread_mutex_unlock(&m);
        if (i < 0)
            break;
        squares[i] = (long)i * i;
        task_done();
    }
    return arg;
}

static void *worker(void *arg)
{
    for (;;) {
        pthread_mutex_lock(&m);
        int i = next_task < TASKS ? next_task++ : -1;
        pthread_mutex_unlock(&m);
        if (i < 0)
            break;
        results[i] = (long)i * 3;
        pthread_mutex_lock(&m);
        if (--pending == 0)
            pthread_cond_signal(&all_done);
        pthread_mutex_unlock(&m);
    }
    return arg;
}

int main(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        pthread_create(&t[i], NULL, i & 1 ? squarer : worker, NULL);
        pthread_detach(t[i]);
    }
    pthread_mutex_lock(&m);
    while (pending > 0)
        pthread_cond_wait(&all_done, &m);
    pthread_mutex_unlock(&m);
    long sum = 0;
    for (int i = 0; i < TASKS; i++)
        sum += results[i] + squares[i];
    return sum > 0 ? 0 : 1;
}
