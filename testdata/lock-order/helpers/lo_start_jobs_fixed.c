// expect-no-findings
/*
 * lo_start_jobs_fixed.c - lo_start_jobs_racy.c's tellers and movers with
 * jobs that agree on the order: both tellers move money from a to b (the
 * second one a negative amount), both movers from c to d. In each thread
 * the start parameter is that thread's job, whose accounts name one lock
 * each: a -> b and c -> d only, no cycle.
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
    pthread_mutex_lock(&to->m);
    from->balance -= amount;
    to->balance += amount;
    pthread_mutex_unlock(&to->m);
    pthread_mutex_unlock(&from->m);
}

static void move(struct account *src, struct account *dst)
{
    pthread_mutex_lock(&src->m);
    pthread_mutex_lock(&dst->m);
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
    struct job j1 = {&a, &b, 5}, j2 = {&a, &b, -3};
    struct job m1 = {&c, &d, 0}, m2 = {&c, &d, 0};
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
