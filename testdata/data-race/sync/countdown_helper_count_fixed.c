// expect-no-findings
/*
 * countdown_helper_count_fixed.c - detached workers that announce their
 * end through counters: each counts once, through a helper on a tracker
 * struct (`job_done(&tr)`: `t->pending--` under `t->mu`) or directly up
 * (`finished++` under `mu`); main waits until the tracker reaches zero and
 * until `finished` reaches the number of workers, then reads the results.
 *
 * TRUTH: no race: the counts the waits need equal the workers started, so
 * every worker has counted - after its write - when main goes on.
 */
#include <pthread.h>

#define NW 3
struct tracker { pthread_mutex_t mu; pthread_cond_t cv; int pending; };

static struct tracker tr = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int finished;
static long out[NW], sums[NW];

static void job_done(struct tracker *t)
{
    pthread_mutex_lock(&t->mu);
    t->pending--;
    pthread_cond_broadcast(&t->cv);
    pthread_mutex_unlock(&t->mu);
}

static void *worker(void *arg)
{
    long id = (long)arg;
    out[id] = id * 2;
    job_done(&tr);
    return NULL;
}

static void *adder(void *arg)
{
    long id = (long)arg;
    sums[id] = id + 1;
    pthread_mutex_lock(&mu);
    finished++;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    pthread_t t;
    tr.pending = NW;
    for (long i = 0; i < NW; i++) {
        pthread_create(&t, NULL, worker, (void *)i);
        pthread_detach(t);
        pthread_create(&t, NULL, adder, (void *)i);
        pthread_detach(t);
    }
    pthread_mutex_lock(&tr.mu);
    while (tr.pending != 0)
        pthread_cond_wait(&tr.cv, &tr.mu);
    pthread_mutex_unlock(&tr.mu);
    pthread_mutex_lock(&mu);
    while (finished < NW)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    long s = 0;
    for (int i = 0; i < NW; i++)
        s += out[i] + sums[i];
    return s > 0 ? 0 : 1;
}
