// expect-no-findings
/*
 * trampoline_spawn_fixed.c - threads are started through a trampoline: the
 * routine is stored in a heap capsule and ignition() calls it (pigz's yarn).
 * Only the one writer thread touches `written`: no race. launch() is a
 * capsule launcher (model/launchers.c): each call is a spawn site of its own
 * (writer: one instance; worker: many), joined through the pthread_t it
 * returns. (When every routine ran in one thread "ignition" of many
 * instances, the writer seemed to race with itself.)
 */
#include <pthread.h>
#include <stdlib.h>
struct capsule { void (*probe)(void *); void *payload; };
static void *ignition(void *arg) {
    struct capsule *c = arg;
    c->probe(c->payload);
    free(c);
    return NULL;
}
static pthread_t launch(void (*probe)(void *), void *payload) {
    struct capsule *c = malloc(sizeof *c);
    c->probe = probe; c->payload = payload;
    pthread_t t; pthread_create(&t, NULL, ignition, c);
    return t;
}
static int written;                     /* only the writer thread touches it */
static void writer(void *p) { (void)p; written++; }
static void worker(void *p) { (void)p; }
int main(void) {
    pthread_t w = launch(writer, NULL); /* one instance */
    pthread_t k[4];
    for (int i = 0; i < 4; i++) k[i] = launch(worker, NULL);
    for (int i = 0; i < 4; i++) pthread_join(k[i], NULL);
    pthread_join(w, NULL);
    return 0;
}
