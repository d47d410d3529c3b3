// expect-no-findings
/*
 * sem_init_value_fixed.c - three binary semaphores used as locks, whose
 * initial count of 1 reaches sem_init the ways real code spells it: through
 * an init helper's parameter (`guard_init(1)`), from a `static const`
 * setting, and from a local variable holding it.
 *
 * TRUTH: no race: each counter is only touched between sem_wait and
 * sem_post of its semaphore, whose count never exceeds 1.
 */
#include <pthread.h>
#include <semaphore.h>

static sem_t guard, slots, tally_sem;
static long balance, used, tally;
static const unsigned one_slot = 1;

static void guard_init(unsigned count)
{
    sem_init(&guard, 0, count);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        sem_wait(&guard);
        balance++;
        sem_post(&guard);
        sem_wait(&slots);
        used++;
        sem_post(&slots);
        sem_wait(&tally_sem);
        tally += 2;
        sem_post(&tally_sem);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    unsigned initial = 1;
    guard_init(1);
    sem_init(&slots, 0, one_slot);
    sem_init(&tally_sem, 0, initial);
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return (int)(balance + used + tally);
}
