/*
 * own_task_payload_shared_racy.c - a thread pool (own_task_payload_fixed.c)
 * whose submitting loop hands out `&results[i / 2]`: two tasks per
 * element.
 *
 * TRUTH: data race between the two tasks of one element.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NWORKERS 3
#define NTASKS 16

struct task {
    void (*fn)(void *);
    void *arg;
    struct task *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t more = PTHREAD_COND_INITIALIZER;
static struct task *head;
static int done;
static long results[NTASKS];

static void pool_submit(void (*fn)(void *), void *arg)
{
    struct task *t = malloc(sizeof *t);
    if (!t)
        abort();
    t->fn = fn;
    t->arg = arg;
    pthread_mutex_lock(&lock);
    t->next = head;
    head = t;
    pthread_cond_signal(&more);
    pthread_mutex_unlock(&lock);
}

static void *worker(void *unused)
{
    for (;;) {
        pthread_mutex_lock(&lock);
        while (!head && !done)
            pthread_cond_wait(&more, &lock);
        struct task *t = head;
        if (!t) {
            pthread_mutex_unlock(&lock);
            break;
        }
        head = t->next;
        pthread_mutex_unlock(&lock);
        t->fn(t->arg);
        free(t);
    }
    return unused;
}

static void pool_stop(pthread_t *w)
{
    pthread_mutex_lock(&lock);
    done = 1;
    pthread_cond_broadcast(&more);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(w[i], NULL);
}

static void bump(void *arg)
{
    long *c = arg;
    (*c)++; // expect: data-race '*c'
}

int main(void)
{
    pthread_t w[NWORKERS];
    for (int i = 0; i < NWORKERS; i++)
        pthread_create(&w[i], NULL, worker, NULL);
    for (int i = 0; i < NTASKS; i++)
        pool_submit(bump, &results[i / 2]);
    pool_stop(w);
    long total = 0;
    for (int i = 0; i < NTASKS; i++)
        total += results[i];
    printf("%ld\n", total);
    return 0;
}
