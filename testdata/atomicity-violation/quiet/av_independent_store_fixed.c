// expect-no-findings
/*
 * av_independent_store_fixed.c - reads and writes of one location in two
 * critical sections that are no write-back: the value stored does not come
 * from the value read (a configured size), and a rebalancer loop whose
 * reset of a request is reached through a test made in the same region
 * (the wait at the end of the loop releases the lock, but every path
 * around the loop tests the request again before the reset).
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

struct request {
    int src, dst;
};

struct mover {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int run;
    struct request req;
};

static struct mover mv = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 1, {0, 0}};
static pthread_mutex_t cfg_lock = PTHREAD_MUTEX_INITIALIZER;
static int nworkers = 4;
static int configured = 8;

static int start_move(struct mover *m) {
    return m->req.src == m->req.dst ? -1 : 0;
}

static void *rebalancer(void *arg) {
    struct mover *m = arg;
    struct request *r = &m->req;
    pthread_mutex_lock(&m->lock);
    while (m->run) {
        if (r->src != 0 || r->dst != 0) {
            if (start_move(m) < 0) {
                r->src = 0;
                r->dst = 0;
                continue;
            }
            r->src = 0;
            r->dst = 0;
        } else {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_sec++;
            pthread_cond_timedwait(&m->cond, &m->lock, &ts);
        }
    }
    pthread_mutex_unlock(&m->lock);
    return NULL;
}

static void *requester(void *arg) {
    struct mover *m = arg;
    pthread_mutex_lock(&m->lock);
    m->req.src = 1;
    m->req.dst = 2;
    pthread_mutex_unlock(&m->lock);
    return NULL;
}

static void *resizer(void *arg) {
    (void)arg;
    pthread_mutex_lock(&cfg_lock);
    int n = nworkers;
    pthread_mutex_unlock(&cfg_lock);
    printf("was %d\n", n);
    pthread_mutex_lock(&cfg_lock);
    nworkers = configured;
    pthread_mutex_unlock(&cfg_lock);
    return NULL;
}

int main(void) {
    pthread_t t, q, u[2];
    pthread_create(&t, NULL, rebalancer, &mv);
    pthread_create(&q, NULL, requester, &mv);
    for (int i = 0; i < 2; i++) pthread_create(&u[i], NULL, resizer, NULL);
    pthread_join(q, NULL);
    pthread_mutex_lock(&mv.lock);
    mv.run = 0;
    pthread_cond_signal(&mv.cond);
    pthread_mutex_unlock(&mv.lock);
    pthread_join(t, NULL);
    for (int i = 0; i < 2; i++) pthread_join(u[i], NULL);
    return 0;
}
