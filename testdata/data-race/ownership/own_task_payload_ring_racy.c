/*
 * own_task_payload_ring_racy.c - the ring-of-structs pool of
 * own_task_payload_ring_fixed.c, where main gives each task its own cell,
 * but a worker steps `head` only after it released the mutex: two workers
 * may copy one slot out and run one task twice.
 *
 * TRUTH: data races on the cell two runs of one task write, and on `head`.
 *
 * Known false alarm: main's fill-in of cells[i] before it submits the task
 * is ordered with the task by the mutex; racecheck orders the two only
 * when the tasks' payloads are proven distinct, which needs the pop.
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
    c->out = 2L * c->in; // expect: data-race 'c->out'
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
        pthread_mutex_unlock(&pl->m);
        pl->head++; // expect: data-race 'pl->head'

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
        cells[i].in = i; // known-false-alarm: data-race 'cells[i].in'
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
