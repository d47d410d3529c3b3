/*
 * sem_config_handoff_racy.c - as sem_config_handoff_fixed.c (a loader fills in
 * cfg and posts a semaphore initialised to 0; main waits before using cfg),
 * but main logs the port BEFORE waiting on the semaphore.
 *
 * TRUTH: a race on cfg.port: main's read before sem_wait is not ordered
 * after the loader's write (primary location: the loader's write, the only
 * write). The reads after sem_wait and the write of workers are ordered by
 * the hand-off: no race on host or workers.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>

struct config {
    char host[64];
    int port;
    int workers;
};

static struct config cfg;
static sem_t loaded;

static void *loader(void *arg)
{
    (void)arg;
    strcpy(cfg.host, "localhost");
    cfg.port = 8080; // expect: data-race 'port'
    cfg.workers = 4;
    sem_post(&loaded);
    return NULL;
}

int main(void)
{
    pthread_t t;

    sem_init(&loaded, 0, 0);
    pthread_create(&t, NULL, loader, NULL);
    printf("loading configuration (port %d)\n", cfg.port); /* BUG: too early */
    sem_wait(&loaded);
    printf("serving %s:%d with %d workers\n", cfg.host, cfg.port, cfg.workers);
    cfg.workers *= 2;
    pthread_join(t, NULL);
    sem_destroy(&loaded);
    return 0;
}
