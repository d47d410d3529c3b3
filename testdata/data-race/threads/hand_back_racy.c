/*
 * hand_back_racy.c - hand-backs that do not cover main's next write:
 * - main waits only after every second pthread_create: two threads may
 *   still read i when it steps it;
 * - a handler posts before it copies the request;
 * - main waits for the previous thread before it creates the next one
 *   instead of after: the last one created is not waited for when main
 *   steps j.
 *
 * TRUTH: races on i (the first loop), on req (the early post), on j (the
 * wait before the create) and on ids[] (every early thread writes one
 * element).
 */
#include <pthread.h>
#include <semaphore.h>

#define N 4

struct request { int id; const char *name; };

static sem_t copied, taken, ready;
static int ids[3 * N];

static void *worker(void *arg)
{
    int id = *(int *)arg;
    sem_post(&copied);
    return (void *)(long)id;
}

static void *handler(void *arg)
{
    sem_post(&taken);
    struct request r = *(struct request *)arg;
    return (void *)(long)r.id;
}

static void *early(void *arg)
{
    ids[2 * N] = *(int *)arg; // expect: data-race 'ids[8]'
    sem_post(&ready);
    return NULL;
}

int main(void)
{
    pthread_t t[N], h[N], e[N];
    struct request req;
    sem_init(&copied, 0, 0);
    sem_init(&taken, 0, 0);
    sem_init(&ready, 0, 0);
    for (int i = 0; i < N; i++) { // expect: data-race 'i'
        pthread_create(&t[i], NULL, worker, &i);
        if (i & 1)
            sem_wait(&copied);
    }
    for (int i = 0; i < N; i++) {
        req.id = i; // expect: data-race 'req.id'
        req.name = "x"; // expect: data-race 'req.name'
        pthread_create(&h[i], NULL, handler, &req);
        sem_wait(&taken);
    }
    for (int j = 0; j < N; j++) { // expect: data-race 'j'
        if (j)
            sem_wait(&ready); /* the previous thread's post */
        pthread_create(&e[j], NULL, early, &j);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        pthread_join(h[i], NULL);
        pthread_join(e[i], NULL);
    }
    return 0;
}
