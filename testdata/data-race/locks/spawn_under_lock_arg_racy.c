/*
 * spawn_under_lock_arg_racy.c - spawn_under_lock_arg_fixed.c whose workers
 * read the limit before they pass through the gate.
 *
 * TRUTH: a race on cfg.limit: a worker may read it while main, still
 * holding the gate, writes it. The level, read after the gate, is fine.
 */
#include <pthread.h>

struct config {
    pthread_mutex_t gate;
    int level;
    long limit;
};

static struct config cfg = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

static void *worker(void *arg)
{
    struct config *s = arg;
    long limit = s->limit;
    pthread_mutex_lock(&s->gate);
    pthread_mutex_unlock(&s->gate);
    return (void *)(limit + s->level);
}

int main(void)
{
    pthread_t t[3];
    pthread_mutex_lock(&cfg.gate);
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, &cfg);
    cfg.level = 2;
    cfg.limit = 4096; // expect: data-race 'cfg.limit'
    pthread_mutex_unlock(&cfg.gate);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
