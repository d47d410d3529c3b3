/*
 * lock_own_record_racy.c - workers started in a loop, each with its own
 * element of one heap array of records (`&recs[i]`), each locking its own
 * record's mutex around updates of a global counter - directly and in a
 * helper it calls. The array is allocated once (one heap object), but its
 * elements are as many mutexes as there are workers: a lock in the
 * instance's own element protects only what is reached through it
 * (`me->n`), not data the instances share.
 *
 * TRUTH: racy. Every worker increments `total` and `calls` holding only
 * its own record's mutex; its own `me->n` is not shared (not reported).
 */
#include <pthread.h>
#include <stdlib.h>

#define N 4

struct rec {
    pthread_mutex_t m;
    long n;
};

static long total, calls;

static void count_call(void)
{
    calls++; // expect: data-race 'calls'
}

static void *worker(void *arg)
{
    struct rec *me = arg;
    for (int k = 0; k < 8; k++) {
        pthread_mutex_lock(&me->m);
        me->n++;
        total++; // expect: data-race 'total'
        count_call();
        pthread_mutex_unlock(&me->m);
    }
    return NULL;
}

int main(void)
{
    struct rec *recs = calloc(N, sizeof *recs);
    pthread_t t[N];
    if (!recs)
        return 1;
    for (int i = 0; i < N; i++) {
        pthread_mutex_init(&recs[i].m, NULL);
        pthread_create(&t[i], NULL, worker, &recs[i]);
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    free(recs);
    return 0;
}
