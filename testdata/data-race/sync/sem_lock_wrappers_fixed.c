// expect-no-findings
/*
 * sem_lock_wrappers_fixed.c - a semaphore initialised to 1 used as a lock
 * through P()/V() helpers taking the semaphore by pointer; V() posts on two
 * paths (an early return), each once.
 *
 * TRUTH: no race. Every post is preceded by the wait of the same thread
 * (through the helpers' callers), so the count never exceeds 1 and the
 * accesses of `balance` are mutually exclusive.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define N 3

static sem_t mtx;
static long balance;
static long audits;

static void P(sem_t *s)
{
    sem_wait(s);
}

static void V(sem_t *s, int audit)
{
    if (audit) {
        audits++;
        sem_post(s);
        return;
    }
    sem_post(s);
}

static void *teller(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        P(&mtx);
        balance += i % 2 ? 10 : -5;
        V(&mtx, i % 10 == 0);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[N];

    sem_init(&mtx, 0, 1);
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, teller, NULL);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%ld %ld\n", balance, audits);
    sem_destroy(&mtx);
    return 0;
}
