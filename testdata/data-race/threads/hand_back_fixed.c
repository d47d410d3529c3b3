/*
 * hand_back_fixed.c - one argument variable for every thread: main passes
 * the address of its loop counter, or of one request struct it refills,
 * and waits on a semaphore after each pthread_create; each thread copies
 * what it was given and then posts that semaphore. Only then does main
 * step the counter or refill the struct.
 *
 * TRUTH: no race on i or on req: each thread's copy comes before its post,
 * and main waits once per thread it started before it writes them again.
 *
 * Known false alarm: the workers' ids are distinct (each copied a
 * different value of i), so slots[id] is one element per worker; that
 * follows from the values handed over, which the model does not track.
 */
#include <pthread.h>
#include <semaphore.h>

#define N 4

struct request { int id; const char *name; };

static sem_t copied, taken;
static int slots[N];
static long lens[N];

static void *worker(void *arg)
{
    int id = *(int *)arg;
    sem_post(&copied);
    slots[id] = id + 1; // known-false-alarm: data-race 'slots[id]'
    return NULL;
}

static void *handler(void *arg)
{
    struct request r = *(struct request *)arg;
    sem_post(&taken);
    long n = 0;
    while (r.name[n])
        n++;
    return (void *)n;
}

int main(void)
{
    static const char *names[N] = {"a", "bb", "ccc", "dddd"};
    pthread_t t[N], h[N];
    struct request req;
    sem_init(&copied, 0, 0);
    sem_init(&taken, 0, 0);
    for (int i = 0; i < N; i++) {
        pthread_create(&t[i], NULL, worker, &i);
        sem_wait(&copied);
    }
    for (int i = 0; i < N; i++) {
        req.id = i;
        req.name = names[i];
        pthread_create(&h[i], NULL, handler, &req);
        sem_wait(&taken);
    }
    for (int i = 0; i < N; i++) {
        void *ret;
        pthread_join(t[i], NULL);
        pthread_join(h[i], &ret);
        lens[i] = (long)ret;
    }
    return slots[0] + (int)lens[0];
}
