// expect-no-findings
/*
 * spawn_under_lock_arg_fixed.c - the start-gate hand-off of
 * spawn_under_lock_handover_fixed.c with the gate reached through the
 * thread's argument: main locks `cfg.gate`, starts the workers with &cfg,
 * fills in the configuration and unlocks; each worker passes through
 * `s->gate` (s = its argument, which is &cfg) before it reads.
 *
 * TRUTH: no race: `s->gate` is `cfg.gate` in every worker, which main holds
 * from before any worker exists until after its writes.
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
    pthread_mutex_lock(&s->gate);
    pthread_mutex_unlock(&s->gate);
    return (void *)(s->limit + s->level);
}

int main(void)
{
    pthread_t t[3];
    pthread_mutex_lock(&cfg.gate);
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, &cfg);
    cfg.level = 2;
    cfg.limit = 4096;
    pthread_mutex_unlock(&cfg.gate);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
