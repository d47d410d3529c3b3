/*
 * sem_trywait_helper_fixed.c - the consumer polls a hand-off semaphore
 * through a helper that returns 1 when sem_trywait took a post, and reads
 * the data only after the helper said 1.
 *
 * TRUTH: no race: the read comes after a wait that took the producer's
 * post, which follows the write.
 *
 * The helper's returns are constants, 1 exactly after the wait succeeded
 * (sync.c, sync_scan_wait_helpers): the caller's test of the result is the
 * wait, on the semaphore the caller passes.
 */
// expect-no-findings
#include <pthread.h>
#include <semaphore.h>

static sem_t ready;
static int data;

static int try_take(sem_t *s)
{
    if (sem_trywait(s) == 0)
        return 1;
    return 0;
}

static void *producer(void *arg)
{
    (void)arg;
    data = 42;
    sem_post(&ready);
    return NULL;
}

int main(void)
{
    pthread_t t;
    int v;
    sem_init(&ready, 0, 0);
    pthread_create(&t, NULL, producer, NULL);
    while (!try_take(&ready))
        ;
    v = data;
    pthread_join(t, NULL);
    return v;
}
