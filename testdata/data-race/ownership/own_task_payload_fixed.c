// expect-no-findings
/*
 * own_task_payload_fixed.c - a thread pool whose workers pop tasks off a
 * linked list under the pool lock and run each task's function on its
 * payload. Every task carries its own element: `&results[i]` submitted
 * once per iteration of main's loop (through pool_submit, which stores its
 * parameter in the fresh task), and `&ranges[i]` stored into the task in
 * a second loop. The task functions write only through their parameter;
 * main reads the results after joining the workers.
 *
 * TRUTH: no data race - two workers never run one task, and two tasks
 * never share an element.
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

struct range { int lo, hi; long sum; };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t more = PTHREAD_COND_INITIALIZER;
static struct task *head;
static int done;
static long results[NTASKS];
static struct range ranges[NTASKS];

static void push(struct task *t)
{
    pthread_mutex_lock(&lock);
    t->next = head;
    head = t;
    pthread_cond_signal(&more);
    pthread_mutex_unlock(&lock);
}

static void pool_submit(void (*fn)(void *), void *arg)
{
    struct task *t = malloc(sizeof *t);
    if (!t)
        abort();
    t->fn = fn;
    t->arg = arg;
    push(t);
}

static void square(void *arg)
{
    long *slot = arg;
    long i = slot - results;
    *slot = i * i;
}

static void sum_range(void *arg)
{
    struct range *r = arg;
    long s = 0;
    for (int k = r->lo; k < r->hi; k++)
        s += k;
    r->sum = s;
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

int main(void)
{
    pthread_t w[NWORKERS];
    for (int i = 0; i < NWORKERS; i++)
        pthread_create(&w[i], NULL, worker, NULL);
    for (int i = 0; i < NTASKS; i++)
        pool_submit(square, &results[i]);
    for (int i = 0; i < NTASKS; i++) {
        struct task *t = malloc(sizeof *t);
        if (!t)
            abort();
        ranges[i].lo = i * 10;
        ranges[i].hi = i * 10 + 10;
        t->fn = sum_range;
        t->arg = &ranges[i];
        push(t);
    }
    pthread_mutex_lock(&lock);
    done = 1;
    pthread_cond_broadcast(&more);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(w[i], NULL);
    long total = 0;
    for (int i = 0; i < NTASKS; i++)
        total += results[i] + ranges[i].sum;
    printf("%ld\n", total);
    return 0;
}
