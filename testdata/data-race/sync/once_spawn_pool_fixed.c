/*
 * once_spawn_pool_fixed.c - a thread pool started lazily by the first
 * submit: pthread_once(&pool_once, init_pool), where init_pool sizes the
 * pool and then starts the workers through a helper (libuv's init_threads
 * shape). Two client threads submit; either may be the one whose
 * pthread_once runs init_pool.
 *
 * init_pool writes `nworkers` before it starts any worker, and a worker
 * reads it: the routine runs once in all threads, so whichever client runs
 * it, the write comes before every worker starts - no race, also against
 * the workers the other client's call would have started (the model keeps
 * one worker thread per creator). A worker submitting a follow-up job
 * calls pthread_once too, but only after the routine that started it
 * began: it never runs init_pool (its write there is no race either).
 * The queue is under pool_lock.
 */
// expect-no-findings
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_WORKERS 8

struct job {
    struct job *next;
    int n;
};

static pthread_once_t pool_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_cond = PTHREAD_COND_INITIALIZER;
static int nworkers;
static pthread_t workers[MAX_WORKERS];
static struct job *queue;
static long completed;

static void submit(int n);

static void *worker(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&pool_lock);
        while (!queue)
            pthread_cond_wait(&pool_cond, &pool_lock);
        struct job *j = queue;
        queue = j->next;
        completed += (long)j->n * nworkers;
        pthread_mutex_unlock(&pool_lock);
        int follow_up = j->n - 1;
        free(j);
        if (follow_up > 0)
            submit(follow_up);
    }
    return NULL;
}

static int start_thread(pthread_t *t, void *(*fn)(void *))
{
    return pthread_create(t, NULL, fn, NULL);
}

static void init_pool(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    nworkers = n < 1 ? 1 : n > MAX_WORKERS ? MAX_WORKERS : (int)n;
    for (int i = 0; i < nworkers; i++)
        start_thread(&workers[i], worker);
}

static void submit(int n)
{
    pthread_once(&pool_once, init_pool);
    struct job *j = malloc(sizeof *j);
    if (!j)
        return;
    j->n = n;
    pthread_mutex_lock(&pool_lock);
    j->next = queue;
    queue = j;
    pthread_cond_signal(&pool_cond);
    pthread_mutex_unlock(&pool_lock);
}

static void *client(void *arg)
{
    for (int i = 0; i < 10; i++)
        submit((int)(long)arg + i);
    return NULL;
}

int main(void)
{
    pthread_t c[2];
    for (long i = 0; i < 2; i++)
        pthread_create(&c[i], NULL, client, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(c[i], NULL);
    return 0;
}
