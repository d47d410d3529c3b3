// expect-no-findings
/*
 * barrier_semaphore_fixed.c - barriers built from semaphores: the
 * turnstile (count the arrivals under a semaphore used as a mutex; the last
 * opens the turnstile, every thread passes it: wait, then post) and the
 * reusable two-phase barrier with a second turnstile, passed twice by each
 * worker. Phase-1 writes happen before the phase-2 reads of the other
 * workers' slots, phase-2 writes before phase-3 reads.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>

#define N 3

static sem_t start_mutex, start_gate;
static int started;
static sem_t mutex, turnstile, turnstile2;
static int count;
static long level[N], smoothed[N], total[N];

static void all_started(void)
{
    sem_wait(&start_mutex);
    started++;
    if (started == N) sem_post(&start_gate);
    sem_post(&start_mutex);
    sem_wait(&start_gate);
    sem_post(&start_gate);
}

static void barrier_wait(void)
{
    sem_wait(&mutex);
    count++;
    if (count == N) {
        sem_wait(&turnstile2);
        sem_post(&turnstile);
    }
    sem_post(&mutex);
    sem_wait(&turnstile);
    sem_post(&turnstile);

    sem_wait(&mutex);
    count--;
    if (count == 0) {
        sem_wait(&turnstile);
        sem_post(&turnstile2);
    }
    sem_post(&mutex);
    sem_wait(&turnstile2);
    sem_post(&turnstile2);
}

static void *worker(void *arg)
{
    long id = (long)(intptr_t)arg;
    level[id] = id * id;
    all_started();
    smoothed[id] = level[(id + 1) % N] + level[id];
    barrier_wait();
    total[id] = smoothed[(id + N - 1) % N];
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    sem_init(&start_mutex, 0, 1);
    sem_init(&start_gate, 0, 0);
    sem_init(&mutex, 0, 1);
    sem_init(&turnstile, 0, 0);
    sem_init(&turnstile2, 0, 1);
    for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++) printf("%ld\n", total[i]);
    return 0;
}
