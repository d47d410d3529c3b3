/*
 * static_publish_fixed.c - a configuration in static storage, filled in by
 * name by the one thread that then publishes its address with an atomic
 * store (sequentially consistent, as atomic_store is); the readers reach
 * it only through the atomic pointer, after an atomic load.
 *
 * TRUTH: no race. Nothing else names `cfg` or takes its address, the
 * loader runs once, and its writes come before the store that publishes
 * the object (ownership.c, own_globals_published).
 */
#include <pthread.h>
#include <stdatomic.h>

struct config {
    int workers;
    int timeout_ms;
};

static struct config dflt = {4, 1000};
static struct config cfg;
static struct config *_Atomic cur = &dflt;

static void *loader(void *arg) {
    cfg.workers = 8;
    cfg.timeout_ms = 500;
    atomic_store(&cur, &cfg);
    return arg;
}

static void *reader(void *arg) {
    struct config *c = atomic_load(&cur);
    return (void *)(long)(c->workers + c->timeout_ms + (arg != 0));
}

int main(void) {
    pthread_t l, r[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&r[i], NULL, reader, NULL);
    pthread_create(&l, NULL, loader, NULL);
    pthread_join(l, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(r[i], NULL);
    return 0;
}
// expect-no-findings
