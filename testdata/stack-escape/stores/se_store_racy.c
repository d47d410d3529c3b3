/*
 * se_store_racy.c - the address of a local published where a worker reads
 * it: into a global "current request" pointer, and pushed to a shared
 * queue through a helper; both functions return while the worker may
 * still read the slot.
 */
#include <pthread.h>
#include <stdio.h>

struct item {
    int v;
};

struct queue {
    pthread_mutex_t lock;
    struct item *items[8];
    int n;
};

static struct queue q = {PTHREAD_MUTEX_INITIALIZER, {0}, 0};
static struct item *current;
static pthread_mutex_t cur_lock = PTHREAD_MUTEX_INITIALIZER;

static void q_push(struct queue *qu, struct item *it) {
    pthread_mutex_lock(&qu->lock);
    if (qu->n < 8) qu->items[qu->n++] = it; // expect: stack-escape 'local'
    pthread_mutex_unlock(&qu->lock);
}

static void submit(int v) {
    struct item local = {v};
    q_push(&q, &local);
}

static void set_current(int v) {
    struct item req = {v};
    pthread_mutex_lock(&cur_lock);
    current = &req; // expect: stack-escape 'req'
    pthread_mutex_unlock(&cur_lock);
}

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&q.lock);
    int s = q.n && q.items[q.n - 1]; /* a real worker would read ->v: the dead slot */
    pthread_mutex_unlock(&q.lock);
    pthread_mutex_lock(&cur_lock);
    if (current) s++;
    pthread_mutex_unlock(&cur_lock);
    printf("%d\n", s);
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    submit(1);
    set_current(2);
    pthread_join(t, NULL);
    return 0;
}
