// expect-no-findings
/*
 * lock_helper_fixed.c - the lock is taken and released by small wrapper
 * functions, lock_counter(&c) / unlock_counter(&c), that lock their
 * argument's mutex.
 *
 * The lockset summary of lock_counter says "acquires arg->m"; at the call
 * lock_counter(&hits) that is hits.m, which is exactly the mutex of the
 * struct whose value field is then incremented. Every worker instance holds
 * hits.m around its write; main reads after the join loop. No finding.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 10000

struct counter {
    pthread_mutex_t m;
    long value;
};

static struct counter hits = { PTHREAD_MUTEX_INITIALIZER, 0 };

static void lock_counter(struct counter *c)
{
    pthread_mutex_lock(&c->m);
}

static void unlock_counter(struct counter *c)
{
    pthread_mutex_unlock(&c->m);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++) {
        lock_counter(&hits);
        hits.value++;
        unlock_counter(&hits);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    int i;

    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("hits = %ld\n", hits.value);
    return 0;
}
