// expect-no-findings
/*
 * memcpy_fixed.c - memcpy_racy.c with the copy made before the worker
 * starts: pthread_create orders it before everything the worker does.
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
    memcpy(&config, &next, sizeof config);
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    return seen;
}
