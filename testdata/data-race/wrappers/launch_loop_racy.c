/*
 * launch_loop_racy.c - launch_loop_fixed.c where the workers add to `hits`
 * without the lock: the instances launched from the one call site in the
 * loop race with each other. The logger (one instance) still only reads,
 * and each worker's own slot is its own. The adders, launched in a loop
 * with one argument for all (`&total`), race on what it points to.
 */
#include <pthread.h>
#include <stdlib.h>

struct capsule { void (*probe)(void *); void *payload; };

static void *ignition(void *arg)
{
    struct capsule *c = arg;
    c->probe(c->payload);
    free(c);
    return NULL;
}

static pthread_t launch(void (*probe)(void *), void *payload)
{
    struct capsule *c = malloc(sizeof *c);
    if (!c) abort();
    c->probe = probe;
    c->payload = payload;
    pthread_t t;
    pthread_create(&t, NULL, ignition, c);
    return t;
}

static int hits, config, logged;
static int slots[4], total;

static void worker(void *p)
{
    int *mine = p;
    *mine = 1;
    hits += config; // expect: data-race 'hits'
}

static void logger(void *p) { (void)p; logged = config; }

static void adder(void *p)
{
    int *t = p;
    *t += 1; // expect: data-race 't'
}

int main(void)
{
    config = 2;
    pthread_t l = launch(logger, NULL);
    pthread_t k[4];
    for (int i = 0; i < 4; i++) k[i] = launch(worker, &slots[i]);
    for (int i = 0; i < 4; i++) pthread_join(k[i], NULL);
    for (int i = 0; i < 4; i++) k[i] = launch(adder, &total);
    for (int i = 0; i < 4; i++) pthread_join(k[i], NULL);
    pthread_join(l, NULL);
    return hits + logged + slots[3] + total;
}
