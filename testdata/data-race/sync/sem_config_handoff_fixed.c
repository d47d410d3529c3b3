// expect-no-findings
/*
 * sem_config_handoff_fixed.c - a loader thread fills in the configuration and
 * posts a semaphore initialised to 0; main waits on the semaphore before using
 * the configuration, then joins the loader at the end.
 *
 * TRUTH: no race. Every access of the loader to cfg precedes its only
 * sem_post; every access of main to cfg follows its sem_wait, which returns
 * only after that post. The loader touches nothing after posting.
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
    cfg.port = 8080;
    cfg.workers = 4;
    sem_post(&loaded);
    return NULL;
}

int main(void)
{
    pthread_t t;

    sem_init(&loaded, 0, 0);
    pthread_create(&t, NULL, loader, NULL);
    sem_wait(&loaded);
    printf("serving %s:%d with %d workers\n", cfg.host, cfg.port, cfg.workers);
    cfg.workers *= 2;
    pthread_join(t, NULL);
    sem_destroy(&loaded);
    return 0;
}
