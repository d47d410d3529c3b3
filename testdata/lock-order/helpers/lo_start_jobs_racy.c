/*
 * lo_start_jobs_racy.c - one teller routine, started twice, each time with
 * its own job record: j1 moves money from a to b, j2 from b to a. The
 * routine passes its job's accounts on (`transfer(j->from, j->to, ..)`),
 * and transfer locks `from` then `to`. In each thread the start parameter
 * is that thread's job, so the one acquisition site is a -> b in one
 * thread and b -> a in the other: a deadlock. The same with the job's
 * accounts read into locals first (mover).
 *
 * TRUTH: possible deadlocks at both inner locks.
 * Known miss: mover's locals `src = j->from` are not narrowed to the
 * thread's job (ctxparams.c follows a parameter and the locals assigned
 * the parameter itself, not a value read through it): in each thread
 * move's src and dst may each be c or d, and such an edge is no edge.
 */
#include <pthread.h>

struct account {
    pthread_mutex_t m;
    long balance;
};

struct job {
    struct account *from, *to;
    long amount;
};

static struct account a = {PTHREAD_MUTEX_INITIALIZER, 1000}, b = {PTHREAD_MUTEX_INITIALIZER, 1000};
static struct account c = {PTHREAD_MUTEX_INITIALIZER, 1000}, d = {PTHREAD_MUTEX_INITIALIZER, 1000};

static void transfer(struct account *from, struct account *to, long amount)
{
    pthread_mutex_lock(&from->m);
    pthread_mutex_lock(&to->m); // expect: lock-order 'to->m'
    from->balance -= amount;
    to->balance += amount;
    pthread_mutex_unlock(&to->m);
    pthread_mutex_unlock(&from->m);
}

static void move(struct account *src, struct account *dst)
{
    pthread_mutex_lock(&src->m);
    pthread_mutex_lock(&dst->m); // known-miss: lock-order 'dst->m'
    dst->balance += src->balance;
    src->balance = 0;
    pthread_mutex_unlock(&dst->m);
    pthread_mutex_unlock(&src->m);
}

static void *teller(void *arg)
{
    struct job *j = arg;
    for (int i = 0; i < 100; i++)
        transfer(j->from, j->to, j->amount);
    return NULL;
}

static void *mover(void *arg)
{
    struct job *j = arg;
    struct account *src = j->from, *dst = j->to;
    move(src, dst);
    return NULL;
}

int main(void)
{
    struct job j1 = {&a, &b, 5}, j2 = {&b, &a, 3};
    struct job m1 = {&c, &d, 0}, m2 = {&d, &c, 0};
    pthread_t t1, t2, t3, t4;
    pthread_create(&t1, NULL, teller, &j1);
    pthread_create(&t2, NULL, teller, &j2);
    pthread_create(&t3, NULL, mover, &m1);
    pthread_create(&t4, NULL, mover, &m2);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_join(t3, NULL);
    pthread_join(t4, NULL);
    return 0;
}
