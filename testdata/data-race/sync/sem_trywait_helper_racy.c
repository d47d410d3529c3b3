/*
 * sem_trywait_helper_racy.c - helpers around sem_trywait that do not say
 * whether the wait succeeded, or callers that read the wrong answer:
 *   - poll() returns 1 whether or not sem_trywait took a post;
 *   - the consumer of `cfg` reads it when the helper said 0 (no post);
 *   - main polls `other` through the same helper, which the producer posts
 *     before it writes `stats` (and posts `stats_ready` after).
 *
 * TRUTH: races on data (no wait at all), on cfg (read on the failure
 * edge) and on stats (the wait is on another semaphore than the post).
 */
#include <pthread.h>
#include <semaphore.h>

static sem_t ready, cfg_ready, stats_ready, other;
static int data, cfg, stats;

static int poll_sem(sem_t *s)
{
    sem_trywait(s);
    return 1;
}

static int try_take(sem_t *s)
{
    if (sem_trywait(s) == 0)
        return 1;
    return 0;
}

static void *producer(void *arg)
{
    (void)arg;
    data = 42; // expect: data-race 'data'
    sem_post(&ready);
    cfg = 7; // expect: data-race 'cfg'
    sem_post(&cfg_ready);
    sem_post(&other);
    stats = 9; // expect: data-race 'stats'
    sem_post(&stats_ready);
    return NULL;
}

int main(void)
{
    pthread_t t;
    int v = 0;
    sem_init(&ready, 0, 0);
    sem_init(&cfg_ready, 0, 0);
    sem_init(&stats_ready, 0, 0);
    sem_init(&other, 0, 0);
    pthread_create(&t, NULL, producer, NULL);
    while (!poll_sem(&ready))
        ;
    v += data;
    if (!try_take(&cfg_ready))
        v += cfg;
    while (!try_take(&other))
        ;
    v += stats;
    pthread_join(t, NULL);
    return v;
}
