/*
 * countdown_tasks_racy.c - task counters that do not cover every write:
 * - a worker logs the task (`last_done = i`) after counting it;
 * - a worker counts a task before writing its result when the task is
 *   odd;
 * - a third kind counts through a helper that counts only when its
 *   argument says so.
 *
 * TRUTH: races on last_done (written after the count, read by main after
 * the wait), on results[] (the odd tasks' writes after their count) and
 * on flags[] (the helper may not count).
 */
#include <pthread.h>

#define TASKS 32

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
static int next_task, pending = TASKS;
static long results[TASKS];
static int last_done;
static int flags[TASKS];

static void maybe_done(int really)
{
    pthread_mutex_lock(&m);
    if (really && --pending == 0)
        pthread_cond_signal(&all_done);
    pthread_mutex_unlock(&m);
}

static void *flagger(void *arg)
{
    for (;;) {
        pthread_mutex_lock(&m);
        int i = next_task < TASKS ? next_task++ : -1;
        pthread_mutex_unlock(&m);
        if (i < 0)
            break;
        flags[i] = 1; // expect: data-race 'flags[i]'
        maybe_done(i != 3);
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
        if (i & 1) {
            pthread_mutex_lock(&m);
            --pending;
            pthread_mutex_unlock(&m);
        }
        results[i] = (long)i * 3; // expect: data-race 'results[i]'
        if (!(i & 1)) {
            pthread_mutex_lock(&m);
            if (--pending == 0)
                pthread_cond_signal(&all_done);
            pthread_mutex_unlock(&m);
        }
        last_done = i; // expect: data-race 'last_done'
    }
    return arg;
}

int main(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        pthread_create(&t[i], NULL, i == 3 ? flagger : worker, NULL);
        pthread_detach(t[i]);
    }
    pthread_mutex_lock(&m);
    while (pending > 0)
        pthread_cond_wait(&all_done, &m);
    pthread_mutex_unlock(&m);
    long sum = last_done;
    for (int i = 0; i < TASKS; i++)
        sum += results[i] + flags[i];
    return sum > 0 ? 0 : 1;
}
