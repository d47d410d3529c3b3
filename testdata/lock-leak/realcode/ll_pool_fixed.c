/*
 * ll_pool_fixed.c - ll_pool_racy.c fixed: job_take and log_line unlock on
 * every return. Also a conditional acquire whose caller does not unlock
 * itself but keeps the lock in a handle that a function it calls next
 * releases (batch_end unlocks whatever batch_held points to): not a leak.
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
static pthread_mutex_t batch_mu = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local pthread_mutex_t *batch_held;
static int batch_n;

static int log_line(const char *s) {
    size_t n = strlen(s);
    pthread_mutex_lock(&log_mu);
    if (log_len + n > sizeof log_buf) {
        pthread_mutex_unlock(&log_mu);
        return -1;
    }
    memcpy(log_buf + log_len, s, n);
    log_len += n;
    pthread_mutex_unlock(&log_mu);
    return 0;
}

static struct job *job_take(struct pool *p) {
    struct job *j = NULL;
    pthread_mutex_lock(&p->mu);
    while (!p->head && !p->shutdown) pthread_cond_wait(&p->ready, &p->mu);
    if (!p->shutdown) {
        j = p->head;
        p->head = j->next;
    }
    pthread_mutex_unlock(&p->mu);
    return j;
}

static int batch_begin(int want) {
    pthread_mutex_lock(&batch_mu);
    if (want > 8) {
        pthread_mutex_unlock(&batch_mu);
        return -1;
    }
    batch_n = want;
    return 0;
}

static void batch_end(void) {
    pthread_mutex_t *m = batch_held;
    batch_held = NULL;
    pthread_mutex_unlock(m);
}

static void *worker(void *arg) {
    struct job *j;
    while ((j = job_take(arg))) {
        log_line("job\n");
        free(j);
    }
    if (batch_begin(2) == 0) {
        batch_held = &batch_mu;
        batch_end();
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
// expect-no-findings
