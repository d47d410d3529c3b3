/*
 * active_count_wait_racy.c - as active_count_wait_fixed.c (main counts
 * detached jobs in `active` under the pool mutex and waits until it is 0;
 * each job fills its cell of `table`, then lowers active and broadcasts),
 * but a job lowers the counter before it writes its cell.
 *
 * TRUTH: a race on table: once the last job counted itself done, main may
 * read a cell its job has not written yet. The jobs' write is the only
 * write (primary location).
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

    pthread_mutex_lock(&pool.mu);
    pool.active--;
    pthread_cond_broadcast(&pool.idle);
    pthread_mutex_unlock(&pool.mu);
    table[cell] = cell * 0.5; // expect: data-race 'table'
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
