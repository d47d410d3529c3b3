// expect-no-findings
/*
 * active_count_wait_fixed.c - a batch runner: main raises `active` under
 * the pool mutex before it starts each (detached) job thread; a job fills
 * its own cell of `table`, then takes the mutex, lowers active and
 * broadcasts. main waits with `while (active != 0) pthread_cond_wait(...)`
 * and then reads the whole table without the lock.
 *
 * TRUTH: no race: every job's write comes before its decrement, and main
 * leaves the wait loop only after the last decrement (it reads active under
 * the mutex). The counter is a join.
 */
#include <pthread.h>
#include <stdio.h>

#define JOBS 8

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t idle;
    int active;
};

static struct pool pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
static double table[JOBS];

static void *job(void *arg)
{
    long cell = (long)arg;

    table[cell] = cell * 0.5;
    pthread_mutex_lock(&pool.mu);
    pool.active--;
    pthread_cond_broadcast(&pool.idle);
    pthread_mutex_unlock(&pool.mu);
    return NULL;
}

int main(void)
{
    double sum = 0;

    for (long i = 0; i < JOBS; i++) {
        pthread_t t;

        pthread_mutex_lock(&pool.mu);
        pool.active++;
        pthread_mutex_unlock(&pool.mu);
        pthread_create(&t, NULL, job, (void *)i);
        pthread_detach(t);
    }
    pthread_mutex_lock(&pool.mu);
    while (pool.active != 0)
        pthread_cond_wait(&pool.idle, &pool.mu);
    pthread_mutex_unlock(&pool.mu);
    for (int i = 0; i < JOBS; i++)
        sum += table[i];
    printf("%g\n", sum);
    return 0;
}
