// expect-no-findings
/*
 * av_server_stats_fixed.c - av_server_stats_racy.c fixed: the peak kept
 * with a compare-exchange loop (it retries when another worker changed the
 * peak), the limit checked and the connection counted in one critical
 * section (the log line after it). The queue's wait loop re-tests the head
 * after every wait, in one region with its pop.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

struct request {
    struct request *next;
    long latency;
};

struct server {
    pthread_mutex_t lock;
    pthread_cond_t ready;
    struct request *head;
    int conns, max_conns;
    atomic_long peak_latency;
    int stopping;
};

static struct server srv = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, 0, 8, 0, 0};

static void log_admit(int n) {
    fprintf(stderr, "admitting connection %d\n", n);
}

static void record_latency(struct server *s, long lat) {
    long cur = atomic_load(&s->peak_latency);
    while (lat > cur && !atomic_compare_exchange_weak(&s->peak_latency, &cur, lat)) {
    }
}

static int admit(struct server *s) {
    pthread_mutex_lock(&s->lock);
    int n = s->conns;
    if (n >= s->max_conns) {
        pthread_mutex_unlock(&s->lock);
        return 0;
    }
    s->conns = n + 1;
    pthread_mutex_unlock(&s->lock);
    log_admit(n);
    return 1;
}

static void *worker(void *arg) {
    struct server *s = arg;
    for (;;) {
        pthread_mutex_lock(&s->lock);
        while (!s->head && !s->stopping) pthread_cond_wait(&s->ready, &s->lock);
        struct request *r = s->head;
        if (r) s->head = r->next;
        pthread_mutex_unlock(&s->lock);
        if (!r) break;
        if (admit(s)) record_latency(s, r->latency);
        free(r);
    }
    return NULL;
}

int main(void) {
    pthread_t t[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, &srv);
    for (int i = 0; i < 16; i++) {
        struct request *r = calloc(1, sizeof *r);
        if (!r) break;
        r->latency = i * 7 % 13;
        pthread_mutex_lock(&srv.lock);
        r->next = srv.head;
        srv.head = r;
        pthread_cond_signal(&srv.ready);
        pthread_mutex_unlock(&srv.lock);
    }
    pthread_mutex_lock(&srv.lock);
    srv.stopping = 1;
    pthread_cond_broadcast(&srv.ready);
    pthread_mutex_unlock(&srv.lock);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    printf("%ld %d\n", atomic_load(&srv.peak_latency), srv.conns);
    return 0;
}
