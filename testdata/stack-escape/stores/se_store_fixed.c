/*
 * se_store_fixed.c - the published "current request" is reset before the
 * function returns; queued items are heap copies; main's locals live
 * until the process ends; a thread-local pointer is the thread's own; a
 * stop command on the stack is published, then the workers are joined
 * (through a helper) before the frame ends, as pigz's finish_jobs() does.
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct item {
    int v;
};

static struct item *queue_head;
static struct item *current;
static _Thread_local struct item *mine;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct item *command;
static pthread_t stopper;

static void *stop_waiter(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lock);
    int stop = command != NULL;
    pthread_mutex_unlock(&lock);
    printf("%d\n", stop);
    return NULL;
}

static void join_all(void) {
    pthread_join(stopper, NULL);
}

static void stop_all(void) {
    struct item stop = {-1};
    pthread_mutex_lock(&lock);
    command = &stop;
    pthread_mutex_unlock(&lock);
    join_all();
}

static void submit(int v) {
    struct item *it = malloc(sizeof *it);
    if (!it) return;
    it->v = v;
    pthread_mutex_lock(&lock);
    free(queue_head);
    queue_head = it;
    pthread_mutex_unlock(&lock);
}

static void with_current(int v) {
    struct item req = {v};
    pthread_mutex_lock(&lock);
    current = &req;
    printf("%d\n", current->v);
    current = NULL;
    pthread_mutex_unlock(&lock);
    struct item own = {v};
    mine = &own;
    printf("%d\n", mine->v);
}

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lock);
    int s = queue_head ? queue_head->v : 0;
    if (current) s++;
    pthread_mutex_unlock(&lock);
    printf("%d\n", s);
    return NULL;
}

int main(void) {
    static struct item boot = {0};
    struct item first = {1};
    pthread_mutex_lock(&lock);
    current = &first;
    pthread_mutex_unlock(&lock);
    pthread_t t;
    pthread_create(&t, NULL, worker, &boot);
    pthread_create(&stopper, NULL, stop_waiter, NULL);
    stop_all();
    submit(1);
    with_current(2);
    pthread_join(t, NULL);
    pthread_mutex_lock(&lock);
    free(queue_head);
    current = NULL;
    pthread_mutex_unlock(&lock);
    return 0;
}
