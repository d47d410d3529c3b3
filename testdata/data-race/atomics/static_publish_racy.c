/*
 * static_publish_racy.c - static_publish_fixed.c, but the loader reloads:
 * it fills the same static object in again after publishing it once, and
 * a second configuration is published with a relaxed store.
 *
 * TRUTH: races. A reader holding `cur` may read cfg.workers while the
 * second round writes it; nothing orders the relaxed publication of
 * `spare` after its fill, so the readers' reads of it race with it.
 */
#include <pthread.h>
#include <stdatomic.h>

struct config {
    int workers;
    int timeout_ms;
};

static struct config dflt = {4, 1000};
static struct config cfg, spare;
static struct config *_Atomic cur = &dflt;

static void *loader(void *arg) {
    for (int round = 0; round < 2; round++) {
        cfg.workers = 8 + round; // expect: data-race 'cfg.workers'
        atomic_store(&cur, &cfg);
    }
    spare.workers = 2; // expect: data-race 'spare.workers'
    atomic_store_explicit(&cur, &spare, memory_order_relaxed);
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
