// expect-no-findings
/*
 * own_task_payload_ring_fixed.c - a thread pool whose queue is a ring of
 * task structs: submit copies a compound literal `(struct job){fn, arg}`
 * into the slot at `tail % QCAP`, a worker copies the slot at `head % QCAP`
 * out into a local and steps `head`, both under the pool's mutex, and
 * runs `j.fn(j.arg)` after the unlock. main hands each task its own
 * element (`&cells[i]`), filling it in first, in the same iteration.
 *
 * TRUTH: no data race - each slot is copied out by one worker (head moves
 * past it under the mutex), and no two tasks share a cell.
 */
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 3
#define NCELLS 12
#define QCAP 16

struct job { void (*fn)(void *); void *arg; };

struct pool {
    pthread_mutex_t m;
    pthread_cond_t cv;
    struct job ring[QCAP];
    unsigned head, tail;
    int stop;
    pthread_t th[NWORKERS];
};

struct cell { int in; long out; };

static void twice(void *p)
{
    struct cell *c = p;
    c->out = 2L * c->in;
}

static void thrice(void *p)
{
    struct cell *c = p;
    c->out = 3L * c->in;
}

static void *work(void *arg)
{
    struct pool *pl = arg;
    for (;;) {
        struct job j;
        pthread_mutex_lock(&pl->m);
        while (pl->head == pl->tail && !pl->stop)
            pthread_cond_wait(&pl->cv, &pl->m);
        if (pl->head == pl->tail) {
            pthread_mutex_unlock(&pl->m);
            return NULL;
        }
        j = pl->ring[pl->head % QCAP];
        pl->head++;
        pthread_mutex_unlock(&pl->m);
        j.fn(j.arg);
    }
}

static void submit(struct pool *pl, void (*fn)(void *), void *arg)
{
    pthread_mutex_lock(&pl->m);
    pl->ring[pl->tail % QCAP] = (struct job){fn, arg};
    pl->tail++;
    pthread_cond_signal(&pl->cv);
    pthread_mutex_unlock(&pl->m);
}

int main(void)
{
    static struct pool pl = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
    static struct cell cells[NCELLS];
    for (int i = 0; i < NWORKERS; i++)
        pthread_create(&pl.th[i], NULL, work, &pl);
    for (int i = 0; i < NCELLS; i++) {
        cells[i].in = i;
        submit(&pl, (i & 1) ? thrice : twice, &cells[i]);
    }
    pthread_mutex_lock(&pl.m);
    pl.stop = 1;
    pthread_cond_broadcast(&pl.cv);
    pthread_mutex_unlock(&pl.m);
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(pl.th[i], NULL);
    long sum = 0;
    for (int i = 0; i < NCELLS; i++)
        sum += cells[i].out;
    printf("%ld\n", sum);
    return 0;
}
