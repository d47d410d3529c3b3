/*
 * sem_init_value_racy.c - sem_init_value_fixed.c with counts that admit two
 * threads: the init helper is also called with 2 (a second configuration),
 * the `static const` setting is 2, and the local holding the count is
 * assigned twice (1, then 2 when more workers are started).
 *
 * TRUTH: races on balance, used and tally: a semaphore is a lock only while
 * its count can never exceed 1; with a count of 2 two workers are between
 * sem_wait and sem_post at once.
 */
#include <pthread.h>
#include <semaphore.h>

static sem_t guard, slots, tally_sem;
static long balance, used, tally;
static const unsigned one_slot = 2;

static void guard_init(unsigned count)
{
    sem_init(&guard, 0, count);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        sem_wait(&guard);
        balance++; // expect: data-race 'balance'
        sem_post(&guard);
        sem_wait(&slots);
        used++; // expect: data-race 'used'
        sem_post(&slots);
        sem_wait(&tally_sem);
        tally += 2; // expect: data-race 'tally'
        sem_post(&tally_sem);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t t[3];
    unsigned initial = 1;
    if (one_slot > 1)
        initial = 2;
    guard_init(1);
    if (argc > 1 && argv[1][0] == 'x')
        guard_init(2);
    sem_init(&slots, 0, one_slot);
    sem_init(&tally_sem, 0, initial);
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return (int)(balance + used + tally);
}
