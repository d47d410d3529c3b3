/*
 * lock_elem_pointer_racy.c - the records of lock_elem_pointer_fixed.c with
 * locks that are not the touched record's own:
 * - main sets every record's stop flag holding the lock of record 0
 *   (a constant element) instead of the record's;
 * - main reads a record's counter holding the lock of the record named by
 *   another index variable.
 *
 * TRUTH: races on stop (main's write under wks[0].m against the workers'
 * reads under their own lock) and on served (main's read under wks[j].m).
 */
#include <pthread.h>
#include <stdlib.h>

#define NW 3

struct wk {
    pthread_mutex_t m;
    pthread_cond_t c;
    int pending;
    int stop;
    long served;
    pthread_t tid;
};

static struct wk wks[NW];

static void *worker(void *arg)
{
    struct wk *me = arg;
    for (;;) {
        pthread_mutex_lock(&me->m);
        while (!me->pending && !me->stop)
            pthread_cond_wait(&me->c, &me->m);
        int got = me->pending;
        me->pending = 0;
        int stop = me->stop;
        if (got)
            me->served++; // expect: data-race 'me->served'
        pthread_mutex_unlock(&me->m);
        if (!got && stop)
            break;
    }
    return NULL;
}

int main(void)
{
    for (int i = 0; i < NW; i++) {
        pthread_mutex_init(&wks[i].m, NULL);
        pthread_cond_init(&wks[i].c, NULL);
        pthread_create(&wks[i].tid, NULL, worker, &wks[i]);
    }
    for (int i = 0; i < 12; i++) {
        pthread_mutex_lock(&wks[i % NW].m);
        wks[i % NW].pending = 1;
        pthread_cond_signal(&wks[i % NW].c);
        pthread_mutex_unlock(&wks[i % NW].m);
    }
    long served = 0;
    for (int i = 0, j = NW - 1; i < NW; i++, j--) {
        pthread_mutex_lock(&wks[0].m);
        wks[i].stop = 1; // expect: data-race 'wks[i].stop'
        pthread_cond_signal(&wks[i].c);
        pthread_mutex_unlock(&wks[0].m);
        pthread_mutex_lock(&wks[j].m);
        served += wks[i].served;
        pthread_mutex_unlock(&wks[j].m);
    }
    for (int i = 0; i < NW; i++)
        pthread_join(wks[i].tid, NULL);
    return served > 0 ? 0 : 1;
}
