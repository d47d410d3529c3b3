// expect-no-findings
/*
 * launch_loop_fixed.c - a capsule launcher called in a loop: the launched
 * threads have many instances; the launcher returns the pthread_t, which
 * main keeps in an array and joins in a loop.
 *
 * worker (launched four times from one call site: many instances) adds to
 * `hits` under the lock; logger (one instance) only reads `config`, written
 * before it starts; main reads the results after joining every thread. No
 * race on those. Each call site is a spawn site of its own whose handle is
 * where the result is stored (`k[i] = launch(..)`), so the join loop ends
 * the workers (when all launched routines were one thread "ignition" whose
 * handle was launch()'s local, nothing was joined and logger raced with
 * itself).
 *
 * Each worker also writes the slot its argument points to (`&slots[i]`,
 * one per instance): the routine is a routine of the launched thread with
 * the site's argument as its start value, so its instances are told apart
 * as those of `pthread_create(.., worker, &slots[i])` are.
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

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int hits, config, logged;
static int slots[4];

static void worker(void *p)
{
    int *mine = p;
    *mine = 1;
    pthread_mutex_lock(&lock);
    hits += config;
    pthread_mutex_unlock(&lock);
}

static void logger(void *p) { (void)p; logged = config; }

int main(void)
{
    config = 2;
    pthread_t l = launch(logger, NULL);
    pthread_t k[4];
    for (int i = 0; i < 4; i++) k[i] = launch(worker, &slots[i]);
    for (int i = 0; i < 4; i++) pthread_join(k[i], NULL);
    pthread_join(l, NULL);
    return hits + logged + slots[3];
}
