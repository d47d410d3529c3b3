// expect-no-findings
/*
 * lock_elem_pointer_fixed.c - one lock per element of an array of worker
 * records, named two ways: main by index (`pthread_mutex_lock(&wks[i].m);
 * wks[i].stop = 1`), each worker through its own record's pointer
 * (`pthread_mutex_lock(&me->m); ... me->stop`) - memcached's
 * LIBEVENT_THREAD shape. The same holds for a heap array of records
 * (`pool = calloc(n, ..)`).
 *
 * TRUTH: no race: every access to a record's queue and stop flag holds
 * that record's lock; the index names the element main touches, the
 * pointer the one the worker touches, and both name the lock beside it.
 */
#include <pthread.h>
#include <stdlib.h>

#define NW 3

struct conn { int fd; struct conn *next; };
struct wk {
    pthread_mutex_t m;
    pthread_cond_t c;
    struct conn *q;
    int stop;
    long served;
    pthread_t tid;
};

static struct wk wks[NW];
static struct wk *pool;

static void *worker(void *arg)
{
    struct wk *me = arg;
    for (;;) {
        pthread_mutex_lock(&me->m);
        while (!me->q && !me->stop)
            pthread_cond_wait(&me->c, &me->m);
        struct conn *c = me->q;
        if (c)
            me->q = c->next;
        int stop = me->stop;
        if (c)
            me->served++;
        pthread_mutex_unlock(&me->m);
        if (c)
            free(c);
        else if (stop)
            break;
    }
    return NULL;
}

static void start(struct wk *w, int n)
{
    for (int i = 0; i < n; i++) {
        pthread_mutex_init(&w[i].m, NULL);
        pthread_cond_init(&w[i].c, NULL);
        pthread_create(&w[i].tid, NULL, worker, &w[i]);
    }
}

int main(void)
{
    pool = calloc(NW, sizeof *pool);
    start(wks, NW);
    start(pool, NW);
    for (int i = 0; i < 12; i++) {
        struct conn *c = calloc(1, sizeof *c);
        c->fd = i;
        int k = i % NW;
        pthread_mutex_lock(&wks[k].m);
        c->next = wks[k].q;
        wks[k].q = c;
        pthread_cond_signal(&wks[k].c);
        pthread_mutex_unlock(&wks[k].m);
    }
    long served = 0;
    for (int i = 0; i < NW; i++) {
        pthread_mutex_lock(&wks[i].m);
        wks[i].stop = 1;
        served += wks[i].served;
        pthread_cond_signal(&wks[i].c);
        pthread_mutex_unlock(&wks[i].m);
        pthread_mutex_lock(&pool[i].m);
        pool[i].stop = 1;
        pthread_cond_signal(&pool[i].c);
        pthread_mutex_unlock(&pool[i].m);
    }
    for (int i = 0; i < NW; i++) {
        pthread_join(wks[i].tid, NULL);
        pthread_join(pool[i].tid, NULL);
    }
    return served > 0 ? 0 : 1;
}
