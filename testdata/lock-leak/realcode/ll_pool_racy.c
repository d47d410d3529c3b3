/*
 * ll_pool_racy.c - a worker pool: job_take returns NULL on shutdown with
 * the queue lock still held (the other workers then block forever in
 * job_take), and a logger that bails out on a full buffer without
 * releasing its lock.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct job { struct job *next; int id; };
struct pool {
    pthread_mutex_t mu;
    pthread_cond_t ready;
    struct job *head;
    int shutdown;
};

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static char log_buf[256];
static size_t log_len;

static int log_line(const char *s) {
    size_t n = strlen(s);
    pthread_mutex_lock(&log_mu);
    if (log_len + n > sizeof log_buf)
        return -1; // expect: lock-leak 'log_mu'
    memcpy(log_buf + log_len, s, n);
    log_len += n;
    pthread_mutex_unlock(&log_mu);
    return 0;
}

static struct job *job_take(struct pool *p) {
    pthread_mutex_lock(&p->mu);
    while (!p->head && !p->shutdown) pthread_cond_wait(&p->ready, &p->mu);
    if (p->shutdown)
        return NULL; // expect: lock-leak 'p->mu'
    struct job *j = p->head;
    p->head = j->next;
    pthread_mutex_unlock(&p->mu);
    return j;
}

static void *worker(void *arg) {
    struct job *j;
    while ((j = job_take(arg))) {
        log_line("job\n");
        free(j);
    }
    return NULL;
}

int main(void) {
    struct pool *p = calloc(1, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->ready, NULL);
    pthread_t t[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, p);
    pthread_mutex_lock(&p->mu);
    p->shutdown = 1;
    pthread_cond_broadcast(&p->ready);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    return 0;
}
