/*
 * memcpy_racy.c - main installs a new configuration with memcpy into the
 * shared struct while a worker reads its port.
 *
 * memcpy writes every field of its destination and reads every field of
 * its source; the worker's read of config.port has no lock in common with
 * it: a race on config.port, primary at the memcpy (the only write).
 */
#include <pthread.h>
#include <string.h>

struct config {
    int port;
    int backlog;
};

static struct config config;
static int seen;

static void *worker(void *arg)
{
    (void)arg;
    seen = config.port;
    return NULL;
}

int main(void)
{
    struct config next = {8080, 16};
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    memcpy(&config, &next, sizeof config); // expect: data-race 'config.port'
    pthread_join(t, NULL);
    return seen;
}
