/*
 * Golden-output program: the text, JSON and --dump-ir outputs of racecheck
 * on this file are compared with pool.txt, pool.json and pool.ir (the output
 * formats are the product). A counter incremented by many workers, one
 * access protected and one not.
 */
#include <pthread.h>
#include <stdatomic.h>

#define N 4

struct pool {
    pthread_mutex_t lock;
    long hits;
    long misses;
    atomic_long served;
};

static struct pool pool = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0};

static void *worker(void *arg) {
    struct pool *p = arg;
    for (int i = 0; i < 100; i++) {
        if (i % 3 == 0) {
            pthread_mutex_lock(&p->lock);
            p->hits++;
            pthread_mutex_unlock(&p->lock);
        } else {
            p->misses++; // expect: data-race 'misses'
        }
        atomic_fetch_add(&p->served, 1);
    }
    return NULL;
}

int main(void) {
    pthread_t t[N];
    for (int i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, &pool);
    pthread_mutex_lock(&pool.lock);
    long seen = pool.hits + pool.misses;
    pthread_mutex_unlock(&pool.lock);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    return seen > 0;
}
