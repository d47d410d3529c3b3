/*
 * sem_counted_racy.c - counting semaphores that do not wait for every
 * worker:
 * - main waits N - 1 times for N workers: the last may still write;
 * - each worker of the second group posts twice after its write: N waits
 *   may be answered by half of the workers;
 * - the third group's workers post before they write.
 *
 * TRUTH: races on res[] (one worker not waited for), on twice[] (the
 * double posts) and on early[] (posted before the write).
 */
#include <pthread.h>
#include <semaphore.h>

#define N 4

static long res[N], twice[N], early[N];
static sem_t done, done2, done3;

static void *worker(void *arg)
{
    long i = (long)arg;
    res[i] = i * i; // expect: data-race 'res[i]'
    sem_post(&done);
    return NULL;
}

static void *poster(void *arg)
{
    long i = (long)arg;
    twice[i] = i; // expect: data-race 'twice[i]'
    sem_post(&done2);
    sem_post(&done2);
    return NULL;
}

static void *hasty(void *arg)
{
    long i = (long)arg;
    sem_post(&done3);
    early[i] = i; // expect: data-race 'early[i]'
    return NULL;
}

int main(void)
{
    pthread_t t[N], u[N], v[N];
    long sum = 0;
    sem_init(&done, 0, 0);
    sem_init(&done2, 0, 0);
    sem_init(&done3, 0, 0);
    for (long i = 0; i < N; i++) {
        pthread_create(&t[i], NULL, worker, (void *)i);
        pthread_create(&u[i], NULL, poster, (void *)i);
        pthread_create(&v[i], NULL, hasty, (void *)i);
    }
    for (int i = 0; i < N - 1; i++)
        sem_wait(&done);
    for (int i = 0; i < N; i++)
        sem_wait(&done2);
    for (int i = 0; i < N; i++)
        sem_wait(&done3);
    for (int i = 0; i < N; i++)
        sum += res[i] + twice[i] + early[i];
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        pthread_join(u[i], NULL);
        pthread_join(v[i], NULL);
    }
    return sum > 0 ? 0 : 1;
}
