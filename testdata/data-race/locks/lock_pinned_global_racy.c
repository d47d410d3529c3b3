/*
 * lock_pinned_global_racy.c - locks made by one constructor and reached
 * through global pointers that do not name one lock while the threads use
 * them:
 *  - main stores a new lock into `g.state` while the reader may still be
 *    taking the old one: the two hold different mutexes around `g.len`;
 *  - `left` and `right` point to two locks from the same allocation: the
 *    worker counts `hits` under `left`, main under `right`.
 *
 * TRUTH: races on g.len (and on g.state itself) and on hits.
 */
#include <pthread.h>
#include <stdlib.h>

struct lock_s {
    pthread_mutex_t m;
};

static struct lock_s *new_lock(void)
{
    struct lock_s *b = malloc(sizeof *b);
    pthread_mutex_init(&b->m, NULL);
    return b;
}

struct {
    struct lock_s *state;
    long len;
} g;

static struct lock_s *left, *right;
static long hits;

static void *reader(void *arg)
{
    pthread_mutex_lock(&g.state->m);
    g.len++; // expect: data-race 'g.len'
    pthread_mutex_unlock(&g.state->m);
    pthread_mutex_lock(&left->m);
    hits++; // expect: data-race 'hits'
    pthread_mutex_unlock(&left->m);
    return arg;
}

static void make_locks(void)
{
    left = new_lock();
    right = new_lock();
}

static void run(void)
{
    pthread_t t;

    g.state = new_lock();
    make_locks();
    pthread_create(&t, NULL, reader, NULL);
    g.state = new_lock(); // expect: data-race 'g.state'
    pthread_mutex_lock(&g.state->m);
    g.len++;
    pthread_mutex_unlock(&g.state->m);
    pthread_mutex_lock(&right->m);
    hits++;
    pthread_mutex_unlock(&right->m);
    pthread_join(t, NULL);
}

static void first(void)
{
    run();
}

int main(void)
{
    first();
    run();
    return 0;
}
