/*
 * alloc_spawn_arg_racy.c - start_mover allocates its thread's state, hands
 * it to the thread it spawns and returns it (memcached's slab mover).
 * start_mover is no allocation wrapper: the object it returns is the one the
 * thread got, not a fresh object per call site.
 *
 * TRUTH: a race on run: stop_mover clears it under the lock while the mover
 * reads it without.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct mover {
    pthread_t tid;
    pthread_mutex_t lock;
    bool run;
};

static void *mover_thread(void *arg)
{
    struct mover *m = arg;
    while (m->run)
        ;
    return NULL;
}

static struct mover *start_mover(void)
{
    struct mover *m = calloc(1, sizeof *m);
    if (!m)
        abort();
    pthread_mutex_init(&m->lock, NULL);
    m->run = true;
    pthread_create(&m->tid, NULL, mover_thread, m);
    return m;
}

static void stop_mover(struct mover *m)
{
    pthread_mutex_lock(&m->lock);
    m->run = false; // expect: data-race 'run'
    pthread_mutex_unlock(&m->lock);
    pthread_join(m->tid, NULL);
}

int main(void)
{
    struct mover *m = start_mover();
    stop_mover(m);
    free(m);
    return 0;
}
